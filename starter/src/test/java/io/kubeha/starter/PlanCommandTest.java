package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.InventoryLoader;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  @TempDir Path dir;

  @Test
  void jsonParsesBackIntoTheRenderedPlan() throws IOException {
    Cli r = Cli.run("plan", "-f", ValidateCommandTest.RUNBOOK, "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    Plan printed = Json.MAPPER.readValue(r.out(), Plan.class);
    var inventory =
        InventoryLoader.load(Files.readString(Path.of(ValidateCommandTest.RUNBOOK)), "runbook.yaml")
            .inventory();
    assertEquals(PlanRenderer.render(inventory), printed);
    assertEquals("192.168.2.100:16443", printed.controlPlaneEndpoint());
  }

  @Test
  void formatJsonIsWhatJsonPrints() {
    Cli alias = Cli.run("plan", "-f", ValidateCommandTest.RUNBOOK, "--json");
    Cli format = Cli.run("plan", "-f", ValidateCommandTest.RUNBOOK, "--format", "json");
    assertEquals(ExitCodes.OK, format.exitCode(), format::toString);
    assertEquals(alias.out(), format.out());
  }

  @Test
  void formatAnsibleWritesTheProjectIntoTheOutputDirectory() throws IOException {
    Path out = dir.resolve("ansible");
    Cli r =
        Cli.run(
            "plan", "-f", ValidateCommandTest.RUNBOOK, "--format", "ansible", "-o", out.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(r.out().contains(out.toString()), r.out());
    String site = Files.readString(out.resolve("site.yml"));
    // One play per level of the graph: init alone, then the CNI beside the control planes'
    // prepares, then the first control-plane join beside the workers'.
    assertTrue(site.contains("- name: 5. " + Phase.INIT_FIRST_CONTROL_PLANE.title() + "\n"), site);
    assertTrue(
        site.contains(
            "- name: 6. "
                + Phase.INSTALL_CNI.title()
                + " + "
                + Phase.PREPARE_CONTROL_PLANE_JOINS.title()
                + "\n"),
        site);
    assertTrue(
        site.contains(
            "- name: 7. "
                + Phase.JOIN_CONTROL_PLANES.title()
                + " + "
                + Phase.JOIN_WORKERS.title()
                + "\n"),
        site);
    assertTrue(
        Files.readString(out.resolve("inventory.yml"))
            .contains("\n    HA-LB-B:\n      ansible_host: !unsafe '192.168.2.20'\n"));
    assertTrue(
        Files.readString(out.resolve("tasks/kube-master-1/09-init-first-control-plane.yml"))
            .contains("kubeadm init"));
  }

  @Test
  void textShowsPhasesHostsAndSteps() {
    Cli r = Cli.run("plan", "-f", ValidateCommandTest.RUNBOOK);
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(
        r.out()
            .startsWith("Plan for cluster runbook, control-plane endpoint 192.168.2.100:16443\n"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "== 3. " + Phase.PREPARE_NODES.title() + " ==\nkube-master-1 (192.168.2.11)\n"),
        r.out());
    assertTrue(r.out().contains("HA-LB-B (192.168.2.20)"), r.out());
    assertTrue(
        r.out().indexOf(Phase.PREPARE_NODES.title()) < r.out().indexOf(Phase.JOIN_WORKERS.title()),
        "phases in order");
    // The order: the approval is asked while every host is prepared; the last line is verify.
    String order = r.out().substring(r.out().indexOf("== Order: "));
    assertTrue(
        order.contains(
            "\n2. "
                + Phase.PREPARE_NODES.title()
                + ": kube-master-1, kube-master-2, kube-master-3, kube-worker-1, kube-worker-2,"
                + " kube-worker-3, HA-LB-A, HA-LB-B; "
                + Phase.AWAIT_INIT_APPROVAL.title()
                + ": cluster\n"),
        order);
    // The control planes prepare their joins together, beside the CNI; then join one by one.
    assertTrue(
        r.out()
            .contains(
                "== 11. "
                    + Phase.PREPARE_CONTROL_PLANE_JOINS.title()
                    + " ==\nkube-master-2 (192.168.2.12)\n  kubeadm-join-prepare: "),
        r.out());
    assertTrue(
        order.contains(
            "\n7. "
                + Phase.INSTALL_CNI.title()
                + ": kube-master-1; "
                + Phase.PREPARE_CONTROL_PLANE_JOINS.title()
                + ": kube-master-2, kube-master-3\n"),
        order);
    assertTrue(order.strip().endsWith(". " + Phase.VERIFY_CLUSTER.title() + ": cluster"), order);
  }

  @Test
  void invalidInventoryIsBadInputWithEveryProblemOnStderr() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        Files.readString(Path.of(ValidateCommandTest.RUNBOOK))
            .replace("vip: 192.168.2.100", "vip: 192.168.2.11")
            .replace("cni: calico", "cni: weave"));
    Cli r = Cli.run("plan", "-f", bad.toString(), "--json");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("kubeha: " + bad + " has 2 problems:\n"), r.err());
    assertTrue(
        r.err()
            .contains("  spec.controlPlaneEndpoint.vip: 192.168.2.11 is kube-master-1's address"),
        r.err());
    assertTrue(r.err().contains("  spec.kubernetes.cni: \"weave\""), r.err());
  }
}
