package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.WorkflowIds;
import io.kubeha.workflow.reset.ClusterReset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * up, status, watch, approve, cancel and list against a real Temporal dev server and a worker on
 * quick activities.
 */
class RunCommandsTest {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  @RegisterExtension static final TestTemporal temporal = new TestTemporal();

  @TempDir Path dir;

  @Test
  void upStartsOneRunAndASecondUpAttachesToIt() throws Exception {
    CountDownLatch hold = temporal.activities.hold(TestInventory.prefix(11));
    Path file = TestInventory.write(dir, "twice", 11);

    Cli first = temporal.cli("up", "-f", file.toString(), "--detach");
    Cli second = temporal.cli("up", "-f", file.toString(), "--detach");

    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains("Started the bring-up of cluster twice"), first.out());
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.out().contains("Attached to the bring-up of cluster twice"), second.out());
    TestTemporal.waitUntil("the run is listed", DEADLINE, () -> runsOf("twice") > 0);
    assertEquals(1, runsOf("twice"), "starting twice made one execution");
    hold.countDown();
  }

  @Test
  void approveIsRejectedBeforeTheGateThenAcceptedAtItAndStatusShowsTheWay() throws Exception {
    CountDownLatch hold = startHeldInPreflight("gated", 12);

    Cli early = temporal.cli("approve", "gated", "--yes");
    assertEquals(ExitCodes.BAD_INPUT, early.exitCode(), early.out());
    assertTrue(early.err().contains("not waiting for approval of kubeadm init"), early.err());
    assertTrue(early.err().contains("Check hosts before touching them"), early.err());

    Cli status = temporal.cli("status", "gated");
    assertEquals(0, status.exitCode(), status.err());
    assertTrue(
        status.out().contains("gated: [2/14] Check hosts before touching them"), status.out());
    assertTrue(status.out().contains("HOST") && status.out().contains("lb-b"), status.out());

    hold.countDown();
    TestTemporal.waitUntil(
        "the run waits at the gate with everything before it done",
        DEADLINE,
        () -> {
          JsonNode phase = statusJson("gated").path("phase");
          // The gate opens right after preflight; the earliest unfinished phase is the gate's once
          // the hosts are prepared, their time synced and the load balancers configured.
          return phase.path("waitingForApproval").asBoolean()
              && phase.path("phase").asText().equals("AWAIT_INIT_APPROVAL");
        });
    JsonNode json = statusJson("gated");
    assertEquals("AWAIT_INIT_APPROVAL", json.path("phase").path("phase").asText());
    assertEquals("running", json.path("status").asText());
    assertEquals(4, json.path("hosts").size());

    Cli approve = temporal.cli("approve", "gated", "--yes");
    assertEquals(0, approve.exitCode(), approve.err());
    assertTrue(approve.out().contains("kubeadm init will run on m1"), approve.out());
    assertTrue(approve.out().contains("ClusterConfiguration"), approve.out());
    assertTrue(approve.out().contains("approved by cli:"), approve.out());

    Cli watch = temporal.cli("watch", "gated");
    assertEquals(0, watch.exitCode(), watch.err());
    assertTrue(watch.out().contains("Cluster gated is up and verified"), watch.out());
    assertTrue(watch.out().contains("kubeconfig: " + RunStarter.adminConf("gated")), watch.out());
  }

  @Test
  void upWatchesInPlainLinesAndWaitsAtTheGateUntilApproved() throws Exception {
    Path file = TestInventory.write(dir, "watched", 13);
    Cli.Running up = temporal.start("up", "-f", file.toString());
    TestTemporal.waitUntil(
        "up says how to approve",
        DEADLINE,
        () -> up.out().toString().contains("./kubeha approve watched"));
    assertEquals(0, temporal.cli("approve", "watched", "--yes").exitCode());

    Cli watched = up.await(DEADLINE);
    assertEquals(0, watched.exitCode(), watched.err());
    String out = watched.out();
    // The watcher saw the gate waiting (it said how to approve before anyone did). Which phase
    // leads that line depends on how far the quick activities got between two polls: "[3/14]
    // Prepare nodes + Await approval ... (waiting)" or "[8/14] Await approval ... (waiting)".
    assertTrue(
        out.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "\\[\\d\\d:\\d\\d\\] == watched: \\[\\d+/14\\] .*Await approval of kubeadm init"
                            + " \\(waiting\\) ==")),
        out);
    assertTrue(out.contains("approve later with ./kubeha approve watched"), out);
    assertTrue(out.contains("m1: "), out);
    // The phases in between may pass between two polls; the end is always seen.
    assertTrue(out.contains("== watched: Done =="), out);
    assertTrue(out.contains("Cluster watched is up and verified"), out);
  }

  @Test
  void upWithYesRunsToTheEndWithoutStopping() {
    Path file = TestInventory.write(dir, "approved", 14);
    Cli up = temporal.cli("up", "-f", file.toString(), "--yes");
    assertEquals(0, up.exitCode(), up.err());
    assertTrue(!up.out().contains("./kubeha approve"), up.out());
    assertTrue(
        up.out().lines().anyMatch(l -> l.matches("\\s+Await approval of kubeadm init\\s+skipped")),
        up.out());
  }

  @Test
  void removeRefusesBadNodesThenRemovesAndOnlyOneOperationRunsAtATime() throws Exception {
    Path file = TestInventory.write(dir, "shrunk", 18);
    assertEquals(0, temporal.cli("up", "-f", file.toString(), "--yes").exitCode());

    Cli unknown = temporal.cli("remove", "w2", "lb-a", "-f", file.toString(), "--yes");
    assertEquals(ExitCodes.BAD_INPUT, unknown.exitCode(), unknown.out());
    assertTrue(unknown.err().contains("w2: not a host of cluster shrunk"), unknown.err());
    assertTrue(unknown.err().contains("lb-a: a load balancer, not a node"), unknown.err());
    Cli last = temporal.cli("remove", "m1", "-f", file.toString(), "--yes");
    assertEquals(ExitCodes.BAD_INPUT, last.exitCode(), last.out());
    assertTrue(last.err().contains("the last control plane cannot be removed"), last.err());
    Cli noTimeout =
        temporal.cli("remove", "w1", "-f", file.toString(), "--yes", "--drain-timeout", "soon");
    assertEquals(ExitCodes.BAD_INPUT, noTimeout.exitCode(), noTimeout.out());
    assertTrue(
        noTimeout.err().contains("--drain-timeout must be a positive duration"), noTimeout.err());
    Cli unasked = temporal.cli("remove", "w1", "-f", file.toString());
    assertEquals(ExitCodes.BAD_INPUT, unasked.exitCode(), unasked.out());
    assertTrue(unasked.err().contains("pass --yes"), unasked.err());

    CountDownLatch hold = temporal.activities.hold(TestInventory.prefix(18));
    Cli remove =
        temporal.cli(
            "remove", "w1", "-f", file.toString(), "--yes", "--detach", "--drain-timeout", "90s");
    assertEquals(0, remove.exitCode(), remove.err());
    assertTrue(
        remove
            .out()
            .contains(
                "w1 (198.18.18.21, worker): cordon, drain (at most 90 s), kubeadm reset,"
                    + " kubectl delete node"),
        remove.out());
    Cli up = temporal.cli("up", "-f", file.toString(), "--yes", "--detach");
    assertEquals(ExitCodes.FAILURE, up.exitCode(), up.out());
    assertTrue(
        up.err().contains("cluster shrunk is busy: the removal of nodes is running"), up.err());
    Cli again = temporal.cli("remove", "w1", "-f", file.toString(), "--yes");
    assertEquals(ExitCodes.FAILURE, again.exitCode(), again.out());
    assertTrue(
        again.err().contains("cluster shrunk is busy: the removal of nodes is running"),
        again.err());

    hold.countDown();
    Cli watch = temporal.cli("watch", "shrunk");
    assertEquals(0, watch.exitCode(), watch.err());
    assertTrue(watch.out().contains("Removed from cluster shrunk: w1"), watch.out());
    assertTrue(watch.out().contains("Now drop w1 from the inventory"), watch.out());
  }

  @Test
  void resetNeedsTheNameOrYesThenTakesTheClusterDown() {
    Path file = TestInventory.write(dir, "gone", 19);
    assertEquals(0, temporal.cli("up", "-f", file.toString(), "--yes").exitCode());
    Cli unasked = temporal.cli("reset", "-f", file.toString());
    assertEquals(ExitCodes.BAD_INPUT, unasked.exitCode(), unasked.out());
    assertTrue(unasked.out().contains("nodes m1, w1: kubeadm reset"), unasked.out());
    assertTrue(
        unasked
            .out()
            .contains("keepalived and nginx stopped and disabled (the VIP 198.18.19.250 goes)"),
        unasked.out());
    assertTrue(unasked.err().contains("pass --yes"), unasked.err());

    Cli reset = temporal.cli("reset", "-f", file.toString(), "--yes");
    assertEquals(0, reset.exitCode(), reset.err());
    assertTrue(reset.out().contains("Cluster gone is reset: kubeadm reset on m1, w1"), reset.out());
    assertTrue(
        reset
            .out()
            .lines()
            .anyMatch(l -> l.matches("\\s+Reset the nodes\\s+.*4 of 4 steps applied")),
        reset.out());
    assertTrue(
        reset
            .out()
            .lines()
            .anyMatch(l -> l.matches("\\s+Stop the load balancers\\s+.*2 of 2 steps applied")),
        reset.out());
  }

  @Test
  void detachedRemovalAndResetWaitAtTheirGatesUntilWatchYesOrApproveNamesTheCluster()
      throws Exception {
    Path file = TestInventory.write(dir, "doomed", 23);
    assertEquals(0, temporal.cli("up", "-f", file.toString(), "--yes").exitCode());
    Cli remove = temporal.cli("remove", "w1", "-f", file.toString(), "--detach");
    assertEquals(0, remove.exitCode(), remove.err());
    assertTrue(remove.out().contains("./kubeha approve doomed shows the plan"), remove.out());
    Cli watchRemoval = temporal.cli("watch", "doomed", "--yes");
    assertEquals(0, watchRemoval.exitCode(), watchRemoval.err());
    assertTrue(
        watchRemoval.out().contains("The removal of nodes from cluster doomed approved by cli:"),
        watchRemoval.out());
    assertTrue(watchRemoval.out().contains("Removed from cluster doomed: w1"), watchRemoval.out());
    assertEquals(
        1, temporal.activities.resets(TestInventory.prefix(23)), "w1 reset by its removal");

    Cli reset = temporal.cli("reset", "-f", file.toString(), "--detach");
    assertEquals(0, reset.exitCode(), reset.err());
    assertTrue(reset.out().contains("./kubeha approve doomed shows the plan"), reset.out());
    ClusterReset run =
        temporal.client.newWorkflowStub(ClusterReset.class, WorkflowIds.cluster("doomed"));
    TestTemporal.waitUntil(
        "the reset waits at its gate", DEADLINE, () -> run.phase().waitingForApproval());
    assertEquals(Phase.AWAIT_RESET_APPROVAL, run.phase().phase());
    assertEquals(1, temporal.activities.resets(TestInventory.prefix(23)), "no reset yet");

    Cli approve = temporal.cli("approve", "doomed", "--yes");
    assertEquals(0, approve.exitCode(), approve.err());
    assertTrue(approve.out().contains("Resetting cluster doomed: every workload"), approve.out());
    assertTrue(
        approve.out().contains("The reset of cluster doomed approved by cli:"), approve.out());
    Cli watch = temporal.cli("watch", "doomed");
    assertEquals(0, watch.exitCode(), watch.err());
    assertEquals(3, temporal.activities.resets(TestInventory.prefix(23)), "then m1 and w1 reset");
  }

  @Test
  void upgradeRefusesBadInputBeforeStartingAnything() {
    Path file = TestInventory.write(dir, "rolled", 20);
    Cli badVersion = temporal.cli("upgrade", "--to", "1.37", "-f", file.toString(), "--yes");
    assertEquals(ExitCodes.BAD_INPUT, badVersion.exitCode(), badVersion.out());
    assertTrue(
        badVersion.err().contains("--to must be a Kubernetes version like 1.37.2, was '1.37'"),
        badVersion.err());
    Cli badBound =
        temporal.cli(
            "upgrade", "--to", "1.37.2", "--max-unavailable", "0", "-f", file.toString(), "--yes");
    assertEquals(ExitCodes.BAD_INPUT, badBound.exitCode(), badBound.out());
    assertTrue(badBound.err().contains("--max-unavailable must be at least 1"), badBound.err());
    Cli unasked = temporal.cli("upgrade", "--to", "1.37.2", "-f", file.toString());
    assertEquals(ExitCodes.BAD_INPUT, unasked.exitCode(), unasked.out());
    assertTrue(unasked.err().contains("pass --yes"), unasked.err());
    assertEquals(0, runsOf("rolled"), "nothing was started");
  }

  @Test
  void aFailedRunExitsOneWithItsReason() {
    temporal.activities.fail(TestInventory.prefix(17));
    Path file = TestInventory.write(dir, "broken", 17);
    Cli up = temporal.cli("up", "-f", file.toString(), "--yes");
    assertEquals(ExitCodes.FAILURE, up.exitCode(), up.out());
    assertTrue(
        up.err()
            .startsWith(
                "kubeha: the bring-up of cluster broken failed: Check hosts before touching them"),
        up.err());
    assertTrue(up.err().contains("no route to the lab host"), up.err());
  }

  @Test
  void cancelStopsTheRunAndASecondCancelIsBadInput() throws Exception {
    CountDownLatch hold = startHeldInPreflight("stopped", 15);

    Cli cancel = temporal.cli("cancel", "stopped", "--yes");
    hold.countDown();
    assertEquals(0, cancel.exitCode(), cancel.err());
    assertTrue(cancel.out().contains("ended: canceled"), cancel.out());

    Cli again = temporal.cli("cancel", "stopped", "--yes");
    assertEquals(ExitCodes.BAD_INPUT, again.exitCode());
    assertTrue(again.err().contains("has already ended (canceled)"), again.err());
    Cli watch = temporal.cli("watch", "stopped");
    assertEquals(ExitCodes.FAILURE, watch.exitCode());
    assertEquals("kubeha: the bring-up of cluster stopped was cancelled", watch.err().strip());
    TestTemporal.waitUntil(
        "list shows the run cancelled", DEADLINE, () -> listed("stopped").equals("CANCELLED"));
  }

  @Test
  void listShowsTheRunWithItsKubehaPhase() throws Exception {
    CountDownLatch hold = temporal.activities.hold(TestInventory.prefix(16));
    Path file = TestInventory.write(dir, "listed", 16);
    assertEquals(0, temporal.cli("up", "-f", file.toString(), "--detach").exitCode());
    TestTemporal.waitUntil(
        "list shows the run in preflight", DEADLINE, () -> listed("listed").equals("PREFLIGHT"));

    Cli text = temporal.cli("list");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(
        text.out()
            .lines()
            .anyMatch(
                l -> l.startsWith("listed ") && l.contains("running") && l.contains("PREFLIGHT")),
        text.out());
    hold.countDown();
  }

  @Test
  void anUnknownClusterIsBadInputNamingIt() {
    Cli status = temporal.cli("status", "nosuch");
    assertEquals(ExitCodes.BAD_INPUT, status.exitCode());
    assertTrue(status.err().contains("no run for cluster nosuch"), status.err());
  }

  @Test
  void withSeveralClustersOneMustBeNamed() throws Exception {
    CountDownLatch hold = temporal.activities.hold(TestInventory.prefix(18));
    assertEquals(
        0,
        temporal
            .cli("up", "-f", TestInventory.write(dir, "one", 18).toString(), "--detach")
            .exitCode());
    assertEquals(
        0,
        temporal
            .cli("up", "-f", TestInventory.write(dir, "two", 18).toString(), "--detach")
            .exitCode());
    TestTemporal.waitUntil(
        "both runs are listed", DEADLINE, () -> runsOf("one") + runsOf("two") == 2);

    Cli status = temporal.cli("status");
    assertEquals(ExitCodes.BAD_INPUT, status.exitCode());
    assertTrue(
        status
            .err()
            .matches("(?s)kubeha: \\d+ clusters have runs \\(.*one, .*two.*\\); name one\\s*"),
        status.err());
    hold.countDown();
  }

  @Test
  void aBadInventoryContactsNothing() throws Exception {
    Path file = dir.resolve("bad.yaml");
    java.nio.file.Files.writeString(
        file, "apiVersion: kubeha/v1alpha1\nkind: Cluster\nmetadata: {name: bad}\n");
    Cli up = Cli.run("up", "-f", file.toString(), "--address", "127.0.0.1:1");
    assertEquals(ExitCodes.BAD_INPUT, up.exitCode(), up.err());
    assertTrue(up.err().contains(file.toString()), up.err());
    assertTrue(
        !up.err().contains("127.0.0.1:1"), "validation comes before any connection: " + up.err());
  }

  private static long runsOf(String cluster) {
    return temporal
        .client
        .listExecutions("WorkflowId='" + WorkflowIds.cluster(cluster) + "'")
        .count();
  }

  private static String listed(String cluster) {
    Cli list = temporal.cli("list", "--output", "json");
    for (JsonNode run : read(list.out())) {
      if (run.path("cluster").asText().equals(cluster)) {
        return run.path("phase").asText();
      }
    }
    return "";
  }

  /** Starts a detached run whose hosts on net n are held, and waits until it is in preflight. */
  private CountDownLatch startHeldInPreflight(String cluster, int net) {
    CountDownLatch hold = temporal.activities.hold(TestInventory.prefix(net));
    Path file = TestInventory.write(dir, cluster, net);
    assertEquals(0, temporal.cli("up", "-f", file.toString(), "--detach").exitCode());
    waitForPhase(cluster, Phase.PREFLIGHT);
    return hold;
  }

  private static void waitForPhase(String cluster, Phase phase) {
    TestTemporal.waitUntil(
        cluster + " is in " + phase,
        DEADLINE,
        () -> statusJson(cluster).path("phase").path("phase").asText().equals(phase.name()));
  }

  static JsonNode statusJson(String cluster) {
    Cli status = temporal.cli("status", cluster, "--output", "json");
    return status.exitCode() == 0 ? read(status.out()) : Json.MAPPER.createObjectNode();
  }

  static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
