package io.kubeha.plan.daytwo;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.KubeadmPackages;
import io.kubeha.plan.Phase;
import io.kubeha.plan.ReleaseImages;
import io.kubeha.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rolling upgrade's plan: the check and `kubeadm upgrade plan` on the first control plane, the
 * new release's images pulled on every node at once, the gate, the first control plane (`kubeadm
 * upgrade apply`), the others one at a time, each out of the load balancers' upstreams meanwhile,
 * then the workers at most maxUnavailable at a time; each node drained, its packages of the new
 * minor, kubeadm upgrade, the kubelet restarted and Ready at the new version, uncordoned.
 */
public final class UpgradePlanRenderer {
  private UpgradePlanRenderer() {}

  /** target: the inventory at the target version (spec.kubernetes.version). */
  public static OperationPlan render(
      Inventory target, int maxUnavailable, int drainTimeoutSeconds, String baseDir) {
    String version = target.spec().kubernetes().version();
    String first = target.firstControlPlane().name();
    UpgradeCommands commands = new UpgradeCommands(baseDir);
    String ignore = UpgradeCommands.ignoreFlag(target.spec().kubernetes().ignorePreflightErrors());
    List<String> masters = NodeSteps.names(target.controlPlanes());
    List<String> workers = NodeSteps.workers(target.nodes());
    List<Wave> waves = new ArrayList<>();
    waves.add(
        new Wave(
            Phase.CHECK_UPGRADE,
            "Asks the cluster on "
                + first
                + " first: every node registered and Ready, none above "
                + version
                + " nor more than one minor below, every etcd member healthy; refused otherwise.",
            1,
            List.of(
                new HostTurn(
                    first,
                    List.of(
                        PlannedStep.of(KubeadmPackages.repository(target), first),
                        PlannedStep.of(
                            "kubeadm-upgrade-plan",
                            first,
                            PlannedCommand.detached(UpgradeCommands.installKubeadm(version)),
                            PlannedCommand.run(UpgradeCommands.plan(version, ignore))))))));
    Optional<Step> cpImages = ReleaseImages.controlPlane(target);
    Optional<Step> workerImages = ReleaseImages.worker(target);
    if (cpImages.isPresent() && workerImages.isPresent()) {
      List<HostTurn> pulls = new ArrayList<>();
      for (String m : masters) {
        pulls.add(new HostTurn(m, List.of(PlannedStep.of(cpImages.get(), m))));
      }
      for (String w : workers) {
        pulls.add(new HostTurn(w, List.of(PlannedStep.of(workerImages.get(), w))));
      }
      waves.add(
          new Wave(
              Phase.CHECK_UPGRADE,
              "Pulls the new release's images on every node at once, before the gate, so the roll"
                  + " pays no pulls.",
              pulls.size(),
              pulls));
    }
    waves.add(
        Wave.note(
            Phase.AWAIT_UPGRADE_APPROVAL,
            "Waits for approval (./kubeha approve, or --yes); it shows what kubeadm upgrade plan"
                + " printed."));
    Node node = new Node(target, commands, version, ignore, first, drainTimeoutSeconds);
    boolean drain = target.canDrainControlPlanes();
    int atOnce = NodeSteps.concurrency(target);
    for (String master : masters) {
      Phase phase =
          master.equals(first) ? Phase.UPGRADE_FIRST_CONTROL_PLANE : Phase.UPGRADE_CONTROL_PLANES;
      if (drain) {
        waves.add(
            NodeSteps.upstreams(
                phase,
                target.without(List.of(master)),
                atOnce,
                master
                    + " leaves the load balancers' upstreams while kubeadm restarts its etcd"
                    + " and API server."));
      }
      waves.add(new Wave(phase, null, 1, NodeSteps.turns(List.of(master), node::steps)));
      if (drain) {
        waves.add(
            NodeSteps.upstreams(phase, target, atOnce, master + " is back in the upstreams."));
      }
    }
    if (!workers.isEmpty()) {
      waves.add(
          new Wave(
              Phase.UPGRADE_WORKERS,
              "A node that fails stops the roll there until it is retried (./kubeha retry).",
              Math.max(1, maxUnavailable),
              NodeSteps.turns(workers, node::steps)));
    }
    return new OperationPlan(
        "upgrade",
        target.clusterName(),
        "the upgrade of cluster " + target.clusterName() + " to " + version,
        List.of(),
        waves);
  }

  /** One node's upgrade, kubectl asked on the first control plane. */
  private record Node(
      Inventory target,
      UpgradeCommands commands,
      String version,
      String ignore,
      String first,
      int drainTimeoutSeconds) {

    List<PlannedStep> steps(String host) {
      boolean controlPlane = NodeSteps.controlPlane(target, host);
      List<PlannedCommand> restart = new ArrayList<>();
      restart.add(
          PlannedCommand.run(UpgradeCommands.RESTART_KUBELET)
              .then(host + " Ready at v" + version + " (kubectl get nodes on " + first + ")"));
      if (controlPlane) {
        restart.add(
            PlannedCommand.waitFor(StaticPod.API_SERVER.started() + " for 5 s, on " + host));
        restart.add(PlannedCommand.waitFor(NodeSteps.CONTROLLERS_LEAD + ", on " + first));
      }
      return List.of(
          NodeSteps.drain(host, first, drainTimeoutSeconds),
          PlannedStep.of(KubeadmPackages.repository(target), host),
          PlannedStep.of(KubeadmPackages.packages(target), host),
          PlannedStep.of(
              "kubeadm-upgrade",
              host,
              PlannedCommand.detached(UpgradeCommands.upgrade(host.equals(first), version, ignore))
                  .unless(commands.upgraded(version)),
              PlannedCommand.run(commands.recordUpgrade(version))),
          new PlannedStep("kubelet-restart", host, List.of(), restart),
          PlannedStep.of("uncordon", first, PlannedCommand.run(UpgradeCommands.uncordon(host))));
    }
  }
}
