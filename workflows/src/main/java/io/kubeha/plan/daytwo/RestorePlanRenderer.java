package io.kubeha.plan.daytwo;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.AtomicWrite;
import io.kubeha.plan.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A restore's plan: the checks, etcd's tools, the snapshot uploaded to every control plane, the
 * gate, every control plane stopped, each member restored into one new etcd cluster, etcd then the
 * control plane started, the cluster verified; and what puts the control planes back when it fails.
 * Each step runs on every control plane before the next starts.
 */
public final class RestorePlanRenderer {
  static final String RESTORE_ID = "@RESTORE_ID@";
  static final String BUMP = "@REVISION_BUMP@";
  static final int ETCD_PEER_PORT = 2380;

  private RestorePlanRenderer() {}

  /** snapshot: its path on the worker's machine; sha256: its content's. */
  public static OperationPlan render(
      Inventory inv, String snapshot, String sha256, String baseDir) {
    RestoreCommands commands = new RestoreCommands(baseDir, RESTORE_ID);
    List<String> masters = NodeSteps.names(inv.controlPlanes());
    int atOnce = NodeSteps.concurrency(inv);
    List<Wave> waves = new ArrayList<>();
    waves.addAll(beforeTheGate(inv, snapshot, sha256, commands, masters, atOnce));
    waves.add(
        Wave.note(
            Phase.AWAIT_RESTORE_APPROVAL,
            "Waits for approval (./kubeha approve, or --yes); it shows the snapshot and what is lost."));
    waves.addAll(afterTheGate(inv, commands, masters, atOnce));
    return new OperationPlan(
        "restore",
        inv.clusterName(),
        "the restore of cluster " + inv.clusterName() + "'s etcd from " + snapshot,
        List.of(
            RESTORE_ID + ": the restore run's id",
            BUMP
                + ": how far the restored revision moves on: etcd's revision now less the"
                + " snapshot's, plus 1000000000"),
        waves);
  }

  /** Nothing changes before the gate: checks, the tools, the snapshot on every control plane. */
  private static List<Wave> beforeTheGate(
      Inventory inv,
      String snapshot,
      String sha256,
      RestoreCommands commands,
      List<String> masters,
      int atOnce) {
    String first = masters.get(0);
    List<Wave> waves = new ArrayList<>();
    waves.add(
        Wave.note(
            Phase.CHECK_RESTORE,
            "Reads the snapshot (its SHA-256 against kubeha's record of it), the etcd release of every"
                + " control plane (they must agree), and etcd's revision on "
                + first
                + ". Nothing changes."));
    waves.add(
        Wave.note(
            Phase.INSTALL_ETCD_TOOLS,
            "etcdctl and etcdutl of that etcd release into /usr/local/bin on "
                + String.join(", ", masters)
                + ", unless there."));
    waves.add(
        NodeSteps.each(
            Phase.UPLOAD_SNAPSHOT,
            "Each copy is then read there with etcdutl snapshot status; the copies must agree.",
            atOnce,
            masters,
            h ->
                PlannedStep.of(
                    "snapshot-upload",
                    h,
                    PlannedCommand.run(
                            AtomicWrite.script(commands.upload(), "0600", "root:root", sha256))
                        .unless(commands.uploaded(sha256))
                        .reading(snapshot + " on the worker's machine"))));
    return waves;
  }

  /** The API down, every member restored, the control planes started; put back on failure. */
  private static List<Wave> afterTheGate(
      Inventory inv, RestoreCommands commands, List<String> masters, int atOnce) {
    List<Wave> waves = new ArrayList<>();
    waves.add(
        NodeSteps.each(
            Phase.STOP_CONTROL_PLANES,
            "The API is down from here until the control plane starts again.",
            atOnce,
            masters,
            h -> stop("stop-control-plane", h, List.of())));
    waves.add(
        NodeSteps.each(
            Phase.RESTORE_ETCD,
            null,
            atOnce,
            masters,
            h ->
                PlannedStep.of(
                    "etcd-restore",
                    h,
                    PlannedCommand.run(restore(inv, commands, masters, h))
                        .unless(commands.restored()))));
    waves.addAll(start(Phase.START_CONTROL_PLANES, null, masters, atOnce, commands));
    waves.add(
        Wave.note(
            Phase.VERIFY_RESTORE,
            "Verifies the cluster as the bring-up does: nodes Ready, one etcd member per control"
                + " plane, the API through the endpoint. The data from before stays at "
                + commands.before()
                + " until deleted by hand."));
    String putBack =
        "Only when a step from the stop to the start fails, or the restore is cancelled then: every"
            + " control plane back on the etcd data it had.";
    waves.add(
        NodeSteps.each(
            Phase.PUT_BACK_CONTROL_PLANES,
            putBack,
            atOnce,
            masters,
            h -> stop("put-back", h, List.of(PlannedCommand.run(commands.putBack())))));
    waves.addAll(start(Phase.PUT_BACK_CONTROL_PLANES, putBack, masters, atOnce, commands));
    return waves;
  }

  /** etcd last, each until nothing answers on its health endpoint; then after. */
  private static PlannedStep stop(String name, String host, List<PlannedCommand> after) {
    List<PlannedCommand> commands = new ArrayList<>();
    for (StaticPod pod : StaticPod.ETCD_LAST) {
      commands.add(PlannedCommand.run(pod.park()).then(pod.stopped()));
    }
    commands.addAll(after);
    return new PlannedStep(name, host, List.of(), commands);
  }

  /** etcd on every control plane, then each healthy, then the rest of each control plane. */
  private static List<Wave> start(
      Phase phase, String note, List<String> masters, int atOnce, RestoreCommands commands) {
    List<PlannedCommand> rest = new ArrayList<>();
    for (StaticPod pod : StaticPod.ABOVE_ETCD) {
      rest.add(PlannedCommand.run(pod.unpark()).then(pod.started()));
    }
    rest.add(PlannedCommand.run(commands.removeUploadAndMarker()));
    return List.of(
        NodeSteps.each(
            phase,
            note,
            atOnce,
            masters,
            h -> PlannedStep.of("start-etcd", h, PlannedCommand.run(StaticPod.ETCD.unpark()))),
        NodeSteps.each(
            phase,
            note,
            atOnce,
            masters,
            h ->
                PlannedStep.of(
                    "etcd-healthy", h, PlannedCommand.waitFor(StaticPod.ETCD.started()))),
        NodeSteps.each(
            phase,
            note,
            atOnce,
            masters,
            h -> new PlannedStep("start-control-plane", h, List.of(), rest)));
  }

  /** The member host becomes in the one new cluster every member is restored into. */
  private static String restore(
      Inventory inv, RestoreCommands commands, List<String> masters, String host) {
    String initialCluster =
        masters.stream().map(h -> h + "=" + peerUrl(inv, h)).collect(Collectors.joining(","));
    String token = "kubeha-" + inv.clusterName() + "-restore-" + commands.restoreId();
    return commands.restore(host, initialCluster, token, peerUrl(inv, host), BUMP);
  }

  /** kubeadm's peer URL of a stacked member: the node's address, port 2380. */
  private static String peerUrl(Inventory inv, String host) {
    String address = inv.host(host).orElseThrow().address();
    return "https://"
        + (address.contains(":") ? "[" + address + "]" : address)
        + ":"
        + ETCD_PEER_PORT;
  }
}
