package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.plan.Phase;
import io.kubeha.plan.daytwo.OperationPlan;
import io.kubeha.plan.daytwo.PlannedStep;
import io.kubeha.plan.daytwo.UpgradeCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubeha plan --operation: a day-2 operation's plan from the inventory alone (runbook: 1.32.0). */
class PlanOperationTest {
  private static final String RUNBOOK = ValidateCommandTest.RUNBOOK;

  @TempDir Path dir;

  @Test
  void anUpgradeShowsTheRollWaveByWaveWithItsCommands() {
    Cli r =
        Cli.run(
            "plan",
            "-f",
            RUNBOOK,
            "--operation",
            "upgrade",
            "--to",
            "1.33.4",
            "--max-unavailable",
            "2");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    String out = r.out();
    assertTrue(
        out.startsWith(
            "Plan of the upgrade of cluster runbook to 1.33.4: what runs, on which host, in which"
                + " order.\nNothing was contacted."),
        out);
    assertTrue(out.contains("\n== 4. " + Phase.UPGRADE_FIRST_CONTROL_PLANE.title() + " ==\n"), out);
    // Each control plane's turn: out of the LBs' upstreams, its upgrade, back in (3 waves each).
    assertTrue(
        out.contains("\n== 12. " + Phase.UPGRADE_WORKERS.title() + ", at most 2 at once ==\n"),
        out);
    assertTrue(out.contains("    detached $ kubeadm upgrade apply 'v1.33.4' --yes\n"), out);
    assertTrue(
        out.contains(
            "kube-worker-1\n  drain, on kube-master-1\n    waits for kube-controller-manager"),
        out);
    // The first control plane's apply comes before any other node's upgrade.
    assertTrue(out.indexOf("upgrade apply") < out.indexOf("kubeadm upgrade node"), out);
  }

  @Test
  void jsonIsThePlanAsData() throws IOException {
    Cli r = Cli.run("plan", "-f", RUNBOOK, "--operation", "upgrade", "--to", "1.33.4", "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    OperationPlan plan = Json.MAPPER.readValue(r.out(), OperationPlan.class);
    assertEquals("upgrade", plan.operation());
    assertEquals(12, plan.waves().size());
    PlannedStep upgrade =
        plan.steps("kube-worker-2").stream()
            .filter(s -> s.name().equals("kubeadm-upgrade"))
            .findFirst()
            .orElseThrow();
    assertEquals(UpgradeCommands.upgrade(false, "1.33.4", ""), upgrade.commands().get(0).run());
    assertEquals(1, plan.waves().get(11).atOnce(), "one worker at a time unless told");
  }

  @Test
  void anUpgradeMoreThanOneMinorUpIsRefusedNamingTheOption() {
    Cli r = Cli.run("plan", "-f", RUNBOOK, "--operation", "upgrade", "--to", "1.34.1");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    assertEquals("", r.out());
    assertEquals(
        "kubeha: --to 1.34.1: the inventory's spec.kubernetes.version is at v1.32.0; kubeadm"
            + " upgrades one minor version at a time: upgrade to 1.33 first\n",
        r.err());
    Cli missing = Cli.run("plan", "-f", RUNBOOK, "--operation", "upgrade");
    assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
    assertTrue(missing.err().contains("--operation upgrade needs --to VERSION"), missing.err());
  }

  @Test
  void aRemovalOfAControlPlaneAlsoRemovesItsEtcdMemberAndReloadsTheLoadBalancers() {
    Cli r = Cli.run("plan", "-f", RUNBOOK, "--operation", "remove", "--node", "kube-master-3");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains("  @MEMBER_ID@: "), r.out());
    assertTrue(r.out().contains("  etcd-member, on kube-master-1\n    $ curl -sS --fail"), r.out());
    assertTrue(
        r.out().contains("== 4. " + Phase.UPDATE_LOAD_BALANCERS.title() + ", all at once =="),
        r.out());
  }

  @Test
  void anUnknownNodeIsRefusedByTheRemovalsOwnRules() {
    Cli r = Cli.run("plan", "-f", RUNBOOK, "--operation", "remove", "--node", "kube-worker-9");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    assertTrue(
        r.err()
            .startsWith(
                "kubeha: --node: cannot remove: kube-worker-9: not a host of cluster runbook"),
        r.err());
  }

  @Test
  void aResetTakesTheFirstControlPlaneLast() {
    Cli r = Cli.run("plan", "-f", RUNBOOK, "--operation", "reset");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    String out = r.out();
    assertTrue(
        out.contains(
            "one host at a time ==\nEach etcd member leaves a cluster that still has quorum.\nkube-master-3\n"),
        out);
    assertTrue(out.indexOf("\nkube-master-2\n") < out.indexOf("\nkube-master-1\n"), out);
    assertTrue(out.contains("    $ systemctl disable --now keepalived nginx\n"), out);
  }

  @Test
  void aRestoreShowsTheSnapshotsChecksumAndItsPlaceholders() throws IOException {
    Path snapshot = dir.resolve("prod.db");
    Files.writeString(snapshot, "etcd");
    Cli r =
        Cli.run("plan", "-f", RUNBOOK, "--operation", "restore", "--snapshot", snapshot.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    String sha = io.kubeha.plan.Sha256.hex("etcd");
    assertTrue(
        r.out()
            .contains(
                "    unless $ echo '"
                    + sha
                    + "  /var/lib/kubeha/restore-@RESTORE_ID@.db' | sha256sum -c --status\n"),
        r.out());
    assertTrue(r.out().contains("      < " + snapshot + " on the worker's machine\n"), r.out());
    assertTrue(r.out().contains("  @REVISION_BUMP@: "), r.out());
    Cli missing =
        Cli.run("plan", "-f", RUNBOOK, "--operation", "restore", "--snapshot", "/no/such.db");
    assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
    assertTrue(
        missing.err().startsWith("kubeha: --snapshot /no/such.db: no such file"), missing.err());
  }

  @Test
  void aCertificateRenewalRestartsEachComponentInTurn() {
    Cli r = Cli.run("plan", "-f", RUNBOOK, "--operation", "certs");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains("    $ kubeadm certs renew all\n"), r.out());
    assertTrue(
        r.out().contains("then waits for etcd healthy: http://127.0.0.1:2381/health answers 2xx"),
        r.out());
  }

  @Test
  void anOptionOfAnotherOperationIsNamed() {
    Cli reset = Cli.run("plan", "-f", RUNBOOK, "--operation", "reset", "--node", "kube-worker-1");
    assertEquals(ExitCodes.BAD_INPUT, reset.exitCode());
    assertEquals("kubeha: --node goes with --operation remove\n", reset.err());
    Cli bringUp = Cli.run("plan", "-f", RUNBOOK, "--to", "1.33.4");
    assertEquals("kubeha: --to goes with --operation upgrade\n", bringUp.err());
    Cli ansible = Cli.run("plan", "-f", RUNBOOK, "--operation", "certs", "--format", "ansible");
    assertEquals(ExitCodes.BAD_INPUT, ansible.exitCode());
    assertTrue(ansible.err().contains("--format ansible goes with the bring-up's plan"));
  }
}
