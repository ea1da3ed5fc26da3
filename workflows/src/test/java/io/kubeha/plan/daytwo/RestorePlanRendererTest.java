package io.kubeha.plan.daytwo;

import static io.kubeha.plan.daytwo.DayTwoPlans.BASE;
import static io.kubeha.plan.daytwo.DayTwoPlans.phases;
import static io.kubeha.plan.daytwo.DayTwoPlans.runs;
import static io.kubeha.plan.daytwo.DayTwoPlans.step;
import static io.kubeha.plan.daytwo.DayTwoPlans.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.plan.AtomicWrite;
import io.kubeha.plan.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestorePlanRendererTest {
  private static final String SHA = "ab12";
  private final OperationPlan plan =
      RestorePlanRenderer.render(DayTwoPlans.lab(), "/home/op/lab.db", SHA, BASE);
  private final RestoreCommands commands = new RestoreCommands(BASE, "@RESTORE_ID@");

  @Test
  void eachStepOnEveryControlPlaneBeforeTheNextThenThePutBackShouldItFail() {
    assertEquals(
        List.of(
            Phase.CHECK_RESTORE,
            Phase.INSTALL_ETCD_TOOLS,
            Phase.UPLOAD_SNAPSHOT,
            Phase.AWAIT_RESTORE_APPROVAL,
            Phase.STOP_CONTROL_PLANES,
            Phase.RESTORE_ETCD,
            Phase.START_CONTROL_PLANES,
            Phase.START_CONTROL_PLANES,
            Phase.START_CONTROL_PLANES,
            Phase.VERIFY_RESTORE,
            Phase.PUT_BACK_CONTROL_PLANES,
            Phase.PUT_BACK_CONTROL_PLANES,
            Phase.PUT_BACK_CONTROL_PLANES,
            Phase.PUT_BACK_CONTROL_PLANES),
        phases(plan));
    assertEquals(
        List.of(
            "snapshot-upload",
            "stop-control-plane",
            "etcd-restore",
            "start-etcd",
            "etcd-healthy",
            "start-control-plane",
            "put-back",
            "start-etcd",
            "etcd-healthy",
            "start-control-plane"),
        stepNames(plan, "kube-master-2"));
    assertEquals(List.of(), plan.steps("kube-worker-1"), "workers take no part");
  }

  @Test
  void theUploadIsWrittenAtomicallyUnlessTheCopyIsThere() {
    PlannedCommand upload = step(plan, "kube-master-1", "snapshot-upload").commands().get(0);
    assertEquals(
        AtomicWrite.script(BASE + "/restore-@RESTORE_ID@.db", "0600", "root:root", SHA),
        upload.run());
    assertEquals(
        "echo 'ab12  /var/lib/kubeha/restore-@RESTORE_ID@.db' | sha256sum -c --status",
        upload.unless());
    assertEquals("/home/op/lab.db on the worker's machine", upload.input());
  }

  @Test
  void etcdStopsLastAndEachStopWaitsForItsEndpointToClose() {
    List<PlannedCommand> stop = step(plan, "kube-master-1", "stop-control-plane").commands();
    assertEquals(
        StaticPod.ETCD_LAST.stream().map(StaticPod::park).toList(),
        stop.stream().map(PlannedCommand::run).toList());
    assertEquals(
        "etcd stopped: nothing answers on http://127.0.0.1:2381/health", stop.get(3).waitsFor());
  }

  @Test
  void eachMemberJoinsOneNewClusterAtItsOwnPeerUrl() {
    PlannedCommand restore = step(plan, "kube-master-2", "etcd-restore").commands().get(0);
    assertEquals(commands.restored(), restore.unless());
    assertEquals(
        commands.restore(
            "kube-master-2",
            "kube-master-1=https://198.18.0.11:2380,kube-master-2=https://198.18.0.12:2380,"
                + "kube-master-3=https://198.18.0.13:2380",
            "kubeha-lab-restore-@RESTORE_ID@",
            "https://198.18.0.12:2380",
            "@REVISION_BUMP@"),
        restore.run());
    assertTrue(plan.placeholders().get(1).startsWith("@REVISION_BUMP@: "));
  }

  @Test
  void theControlPlaneStartsOnceEtcdIsHealthyAndTheUploadGoes() {
    assertEquals(
        List.of(
            StaticPod.API_SERVER.unpark(),
            StaticPod.CONTROLLER_MANAGER.unpark(),
            StaticPod.SCHEDULER.unpark(),
            commands.removeUploadAndMarker()),
        runs(step(plan, "kube-master-3", "start-control-plane")));
    PlannedStep healthy = step(plan, "kube-master-3", "etcd-healthy");
    assertEquals(
        "etcd healthy: http://127.0.0.1:2381/health answers 2xx",
        healthy.commands().get(0).waitsFor());
  }

  @Test
  void thePutBackStopsEverythingThenMovesTheOldDataBack() {
    List<String> runs = runs(step(plan, "kube-master-1", "put-back"));
    assertEquals(5, runs.size());
    assertEquals(commands.putBack(), runs.get(4));
    assertTrue(plan.waves().get(10).note().startsWith("Only when"), plan.waves().get(10).note());
  }
}
