package io.kubeha.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.InventoryValidator;
import io.kubeha.inventory.SshSpec;
import io.kubeha.inventory.TestInventoryBuilder;
import io.kubeha.plan.Action;
import io.kubeha.plan.Download;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.Sha256;
import io.kubeha.plan.Shell;
import io.kubeha.plan.Step;
import io.kubeha.plan.TestInventories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported project read by the real ansible-playbook (from the project's .venv; skipped when
 * absent).
 */
class AnsiblePlaybookTest {
  private static final Path PLAYBOOK =
      Path.of("..", ".venv", "bin", "ansible-playbook").toAbsolutePath().normalize();
  private static final long DEADLINE_SECONDS = 120;

  @TempDir Path dir;

  @BeforeAll
  static void ansibleInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(PLAYBOOK), PLAYBOOK + " is absent (scripts/install-deps installs it)");
  }

  @Test
  void labProjectPassesTheSyntaxCheck() throws Exception {
    Path project =
        write(
            AnsibleExport.render(
                TestInventories.lab(), PlanRenderer.render(TestInventories.lab())));
    Result r = ansible(project, "--syntax-check", "-i", AnsibleProject.INVENTORY, "site.yml");
    assertEquals(0, r.exitCode(), r.output());
  }

  /**
   * Text from the inventory reaches Ansible literally: a valid key path and known_hosts holding
   * Jinja are what Ansible resolves the connection variables to, not their evaluation.
   */
  @Test
  void inventoryTextIsNeverEvaluatedAsJinja() throws Exception {
    String jinja = "{{ 7*7 }}";
    SshSpec ssh =
        new SshSpec(
            "root", 22, "~/.ssh/" + jinja + "/id_ed25519", "/etc/kubeha/" + jinja + "/known_hosts");
    Inventory inv = TestInventoryBuilder.from(TestInventories.lab()).ssh(ssh).build();
    assertEquals(List.of(), InventoryValidator.validate(inv), "kubeha accepts the inventory");
    Path project = write(AnsibleExport.render(inv, PlanRenderer.render(inv)));
    Files.writeString(
        project.resolve("show.yml"),
        """
        - hosts: kube-master-1
          gather_facts: false
          tasks:
            - ansible.builtin.debug:
                var: ansible_ssh_private_key_file
            - ansible.builtin.debug:
                var: ansible_ssh_common_args
        """);

    Result r = ansible(project, "-e", "ansible_connection=local", "show.yml");
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(
        r.output().contains("\"ansible_ssh_private_key_file\": \"~/.ssh/{{ 7*7 }}/id_ed25519\""),
        r.output());
    assertTrue(
        r.output()
            .contains(
                "\"ansible_ssh_common_args\": \"-o UserKnownHostsFile='/etc/kubeha/{{ 7*7 }}/known_hosts'"
                    + " -o StrictHostKeyChecking=yes\""),
        r.output());
    assertFalse(r.output().contains("/49/"), r.output());
    Result syntax = ansible(project, "--syntax-check", "site.yml");
    assertEquals(0, syntax.exitCode(), syntax.output());
  }

  /**
   * One host's step run locally twice: files, a checked download, a guarded action and a handler,
   * each once.
   */
  @Test
  void stepRunsWithKubehasGuardsAndASecondRunChangesNothing() throws Exception {
    Path out = dir.resolve("host");
    byte[] artifact = "an artifact\n".getBytes(StandardCharsets.UTF_8);
    Path source = Files.write(dir.resolve("artifact.src"), artifact);
    String content = "literal {{ not_jinja }} {% raw %} ${#x}\n";
    Path log = out.resolve("changes.log");
    Path marker = out.resolve("marker");
    Step step =
        new Step(
            "demo",
            Phase.PREPARE_NODES,
            "Demo",
            List.of(FileSpec.of(out + "/etc/demo.conf", "0640", content)),
            List.of(
                new Download(
                    "artifact",
                    source.toUri().toString(),
                    Sha256.hex(artifact),
                    out + "/bin/artifact")),
            List.of(
                Action.onChange("log-change", "echo changed >> " + Shell.quote(log.toString())),
                Action.guarded(
                    "mark",
                    "test -f " + Shell.quote(marker.toString()),
                    "touch " + Shell.quote(marker.toString()))));
    Plan plan =
        new Plan(
            "lab",
            "198.18.0.250:16443",
            "",
            List.of(
                new HostPlan(
                    "kube-master-1", "198.18.0.11", List.of("control-plane"), List.of(step))));
    Path project = write(AnsibleExport.render(TestInventories.lab(), plan));

    Result first = ansible(project, "-e", "ansible_connection=local", "site.yml");
    assertEquals(0, first.exitCode(), first.output());
    assertEquals(content, Files.readString(out.resolve("etc/demo.conf")));
    assertEquals("an artifact\n", Files.readString(out.resolve("bin/artifact")));
    assertEquals(List.of("changed"), Files.readAllLines(log));
    assertTrue(Files.exists(marker));

    Result second = ansible(project, "-e", "ansible_connection=local", "site.yml");
    assertEquals(0, second.exitCode(), second.output());
    assertEquals(List.of("changed"), Files.readAllLines(log), "the handler runs only on a change");
    assertTrue(second.output().contains("changed=0"), second.output());
  }

  private Path write(AnsibleProject project) throws IOException {
    Path root = dir.resolve("project");
    for (Map.Entry<String, String> file : project.files().entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return root;
  }

  record Result(int exitCode, String output) {}

  private static Result ansible(Path project, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PLAYBOOK.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
    builder.environment().put("ANSIBLE_CONFIG", project.resolve(AnsibleProject.CONFIG).toString());
    builder.environment().put("ANSIBLE_LOCAL_TEMP", project.resolve(".ansible-tmp").toString());
    Path output = project.resolve("ansible.out");
    Process p = builder.redirectOutput(output.toFile()).start();
    if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(
          "ansible-playbook did not end within "
              + DEADLINE_SECONDS
              + " s:\n"
              + Files.readString(output));
    }
    return new Result(p.exitValue(), Files.readString(output));
  }
}
