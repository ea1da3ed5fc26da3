package io.kubeha.workflow.backup;

import io.kubeha.activity.ClusterState;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.InspectClusterInput;
import io.kubeha.activity.SshTarget;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * etcd's members and their health, through the first control plane; the member to snapshot is the
 * next healthy control plane after the one that took the newest snapshot kept, so the snapshots
 * rotate among them.
 */
public final class CheckEtcd implements OperationPhase<BackupContext> {
  static final String NO_HEALTHY_MEMBER = "NoHealthyEtcdMember";

  @Override
  public Phase id() {
    return Phase.CHECK_ETCD;
  }

  @Override
  public StepTally run(BackupContext ctx) {
    List<String> masters = ctx.controlPlanes();
    SshTarget first = ctx.target(masters.get(0));
    ClusterState state =
        ActivityStubs.inspectCluster(first.host())
            .inspectCluster(
                new InspectClusterInput(first, masters.stream().map(ctx::target).toList()));
    List<String> healthy =
        masters.stream()
            .filter(
                h -> state.etcdMembers().stream().anyMatch(m -> m.name().equals(h) && m.healthy()))
            .toList();
    if (healthy.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no control plane's etcd member is healthy: " + state.etcdMembers(), NO_HEALTHY_MEMBER);
    }
    List<EtcdSnapshot> kept =
        ActivityStubs.etcdBackup(first.host(), "list snapshots").listSnapshots(ctx.input().dir());
    String member =
        next(masters, healthy, kept.isEmpty() ? null : kept.get(kept.size() - 1).host());
    String version =
        ActivityStubs.etcdBackup(member, "etcd version").etcdVersion(ctx.target(member));
    ctx.chose(member, version);
    for (String host : masters) {
      if (!host.equals(member)) {
        new HostCalls(ctx::report, id(), host, BackupContext.STEPS).shown(BackupContext.STEPS);
      }
    }
    return new StepTally(0, 1);
  }

  /**
   * The first healthy control plane after last in inventory order, wrapping around; the first
   * healthy when none.
   */
  public static String next(List<String> masters, List<String> healthy, String last) {
    int from = last == null ? -1 : masters.indexOf(last);
    for (int i = 1; i <= masters.size(); i++) {
      String candidate = masters.get(Math.floorMod(from + i, masters.size()));
      if (healthy.contains(candidate)) {
        return candidate;
      }
    }
    return healthy.get(0);
  }
}
