package io.kubeha.plan.daytwo;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate renewal's plan: the check on every control plane, then on each that holds a
 * certificate due, one at a time: out of the load balancers' upstreams, kubeadm certs renew all,
 * etcd and the control plane's components restarted one by one, back into the upstreams; then
 * admin.conf for the operator and the check again.
 */
public final class CertificatesPlanRenderer {
  static final String RUN_ID = "@RUN_ID@";

  private CertificatesPlanRenderer() {}

  public static OperationPlan render(Inventory inv, String baseDir) {
    CertificateCommands commands = new CertificateCommands(baseDir);
    List<String> masters = NodeSteps.names(inv.controlPlanes());
    // Out of the upstreams while its API server restarts: one just started answers through nginx
    // (a TCP proxy) before it can authorise.
    boolean drain = inv.canDrainControlPlanes();
    int atOnce = NodeSteps.concurrency(inv);
    List<Wave> waves = new ArrayList<>();
    waves.add(
        NodeSteps.each(
            Phase.CHECK_CERTIFICATES, null, atOnce, masters, CertificatesPlanRenderer::check));
    for (String host : masters) {
      String due = "Only on " + host + " if it holds a certificate due (the check decides).";
      if (drain) {
        waves.add(
            NodeSteps.upstreams(
                Phase.RENEW_CERTIFICATES,
                inv.without(List.of(host)),
                atOnce,
                due + " " + host + " leaves the load balancers' upstreams."));
      }
      waves.add(
          new Wave(
              Phase.RENEW_CERTIFICATES,
              due,
              1,
              List.of(
                  new HostTurn(host, List.of(renew(commands, host), restart(commands, host))))));
      if (drain) {
        waves.add(
            NodeSteps.upstreams(
                Phase.RENEW_CERTIFICATES,
                inv,
                atOnce,
                due + " " + host + " is back in the upstreams."));
      }
    }
    waves.add(
        Wave.note(
            Phase.RENEW_CERTIFICATES,
            "The operator's admin.conf is replaced by "
                + ControlPlaneAccess.ADMIN_CONF
                + " of the last control plane renewed (read as a secret, never shown)."));
    waves.add(
        NodeSteps.each(
            Phase.RENEW_CERTIFICATES,
            "The check again, for the result.",
            1,
            masters,
            CertificatesPlanRenderer::check));
    return new OperationPlan(
        "certs",
        inv.clusterName(),
        "the certificate renewal of cluster " + inv.clusterName(),
        List.of(RUN_ID + ": the renewal run's id (a retry of the same run renews once)"),
        waves);
  }

  private static PlannedStep check(String host) {
    return PlannedStep.of(
        "check-expiration", host, PlannedCommand.run(CertificateCommands.CHECK_EXPIRATION));
  }

  /** The marker first: a kill after the renewal still leaves the restart to do. */
  private static PlannedStep renew(CertificateCommands commands, String host) {
    return PlannedStep.of(
        "certs-renew",
        host,
        PlannedCommand.run(commands.markRun(RUN_ID)),
        PlannedCommand.run(CertificateCommands.RENEW_ALL),
        PlannedCommand.run(commands.record("renewed")));
  }

  /**
   * The API server down while its local etcd restarts (it would answer, unready, behind the load
   * balancer); then etcd, the API server, the controller-manager and the scheduler, each healthy
   * before the next.
   */
  private static PlannedStep restart(CertificateCommands commands, String host) {
    List<PlannedCommand> steps = new ArrayList<>();
    StaticPod apiserver = StaticPod.API_SERVER;
    steps.add(PlannedCommand.run(apiserver.park()).then(apiserver.stopped()));
    for (StaticPod pod : StaticPod.CONTROL_PLANE) {
      if (!pod.equals(apiserver)) {
        steps.add(PlannedCommand.run(pod.park()).then(pod.stopped()));
      }
      steps.add(PlannedCommand.run(pod.unpark()).then(pod.started()));
      steps.add(PlannedCommand.run(commands.record("restarted " + pod.name())));
    }
    steps.add(PlannedCommand.run(commands.clear()));
    return new PlannedStep("restart-control-plane", host, List.of(), steps);
  }
}
