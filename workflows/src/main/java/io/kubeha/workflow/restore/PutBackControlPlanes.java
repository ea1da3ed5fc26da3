package io.kubeha.workflow.restore;

import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.activity.VerifyReport;
import io.kubeha.inventory.ControlPlaneEndpointSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.common.ClusterVerification;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.FailureText;
import io.temporal.failure.TemporalFailure;

/**
 * After a restore failed, or was cancelled, with its control planes out: each back on the etcd data
 * it had before the restore, started as the restore starts them, and the cluster checked. Returns
 * what an operator reads: what was put back, or what to do by hand.
 */
final class PutBackControlPlanes {
  /** New runs put the control planes back; histories from before end with them stopped. */
  static final String CHANGE = "restore-put-back";

  private PutBackControlPlanes() {}

  static String run(RestoreContext ctx) {
    String dir = RestorePlan.previousDataDir(ctx.restoreId());
    String hosts = String.join(", ", ctx.controlPlanes());
    try {
      RestoreSteps.Step[] start = StartControlPlanes.steps();
      RestoreSteps.Step[] steps = new RestoreSteps.Step[start.length + 1];
      steps[0] =
          new RestoreSteps.Step(RestoreContext.PUT_BACK, EtcdRestoreActivities::putBackMember);
      System.arraycopy(start, 0, steps, 1, start.length);
      RestoreSteps.onEvery(ctx, Phase.PUT_BACK_CONTROL_PLANES, steps);
    } catch (TemporalFailure e) {
      return "putting the control planes back failed too ("
          + FailureText.of(e)
          + "); by hand, on each of "
          + hosts
          + ": if "
          + dir
          + " exists, move /var/lib/etcd aside and "
          + dir
          + " to /var/lib/etcd; then move /etc/kubernetes/kubeha-parked/*.yaml back to"
          + " /etc/kubernetes/manifests/";
    }
    return "every control plane ("
        + hosts
        + ") was put back on the etcd data it had before the"
        + " restore and started again; "
        + check(ctx);
  }

  /** The cluster as the bring-up verifies it, in one clause. */
  private static String check(RestoreContext ctx) {
    Inventory inv = ctx.inventory();
    ControlPlaneEndpointSpec endpoint = inv.spec().controlPlaneEndpoint();
    String through =
        inv.hasLoadBalancers() ? endpoint.vip() + ":" + endpoint.port() : "the first control plane";
    try {
      VerifyReport report =
          ActivityStubs.verify("verify " + inv.clusterName() + " after putting it back")
              .verifyCluster(
                  ClusterVerification.input(inv, ctx.target(ctx.controlPlanes().get(0)), false));
      if (report.ok()) {
        return "the API answers through "
            + through
            + ", "
            + report.readyNodes().size()
            + " nodes Ready, "
            + report.etcdMembers().size()
            + " etcd members";
      }
      return "but the cluster is not healthy: " + String.join("; ", report.problems());
    } catch (TemporalFailure e) {
      return "but it could not be verified: " + FailureText.of(e);
    }
  }
}
