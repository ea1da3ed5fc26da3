package io.kubeha.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.InventoryDefaults;
import io.kubeha.inventory.TestInventoryBuilder;
import io.kubeha.plan.Action;
import io.kubeha.plan.Download;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.HostPlan;
import io.kubeha.plan.JoinConfigTemplate;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.SharedCertificateKey;
import io.kubeha.plan.Step;
import io.kubeha.plan.TestInventories;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class AnsibleExportTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Inventory lab = TestInventories.lab();
  private final Plan plan = PlanRenderer.render(lab);
  private final AnsibleProject project = AnsibleExport.render(lab, plan);

  @Test
  void playsFollowTheGraphEachHostTaskAfterEverythingItNeeds() throws Exception {
    BringUpGraph graph = BringUpGraph.of(lab, plan);
    JsonNode plays = yaml(AnsibleProject.SITE);
    Map<Task, Integer> playOf = new HashMap<>();
    for (int i = 0; i < plays.size(); i++) {
      JsonNode play = plays.get(i);
      assertTrue(play.get("become").asBoolean(), play.toString());
      JsonNode files = play.get("vars").get("kubeha_tasks");
      assertEquals(texts(play.get("hosts")), fieldNames(files));
      for (String host : texts(play.get("hosts"))) {
        Phase phase = phaseOfFile(files.get(host).asText());
        assertTrue(project.files().containsKey(taskFile(host, phase)), host + " " + phase);
        assertEquals(null, playOf.put(Task.on(host, phase), i), host + " " + phase + " twice");
      }
    }
    for (Task t : graph.tasks()) {
      if (t.clusterWide()) {
        continue;
      }
      assertTrue(playOf.containsKey(t), t + " has no play");
      for (Task need : graph.needs(t)) {
        if (!need.clusterWide()) {
          assertTrue(playOf.get(need) < playOf.get(t), t + " runs before " + need);
        }
      }
    }
    // Not phase by phase: the load balancers are configured in the play that syncs the clients.
    assertEquals(
        playOf.get(Task.on("ha-lb-b", Phase.SYNC_TIME_CLIENTS)),
        playOf.get(Task.on("ha-lb-a", Phase.CONFIGURE_LOAD_BALANCERS)));
  }

  @Test
  void controlPlanesPrepareTogetherJoinOneAtATimeAndWorkersJoinTogether() throws Exception {
    JsonNode plays = yaml(AnsibleProject.SITE);
    List<Integer> joins = new ArrayList<>();
    List<Integer> prepares = new ArrayList<>();
    for (int i = 0; i < plays.size(); i++) {
      JsonNode files = plays.get(i).get("vars").get("kubeha_tasks");
      for (String host : fieldNames(files)) {
        if (phaseOfFile(files.get(host).asText()) == Phase.JOIN_CONTROL_PLANES) {
          joins.add(i);
        }
        if (phaseOfFile(files.get(host).asText()) == Phase.PREPARE_CONTROL_PLANE_JOINS) {
          prepares.add(i);
        }
        if (phaseOfFile(files.get(host).asText()) == Phase.JOIN_WORKERS) {
          assertFalse(plays.get(i).has("serial"), "3 workers are within workerConcurrency");
        }
      }
    }
    assertEquals(2, joins.size());
    assertTrue(joins.get(0) < joins.get(1), "one control plane per play: " + joins);
    assertEquals(2, prepares.size());
    assertEquals(prepares.get(0), prepares.get(1), "both prepare in one play: " + prepares);
    assertTrue(prepares.get(1) < joins.get(0), prepares + " " + joins);
  }

  private static Phase phaseOfFile(String file) {
    return Arrays.stream(Phase.values())
        .filter(p -> PhasePlay.fileName(p).equals(file))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no phase's file: " + file));
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void everyStepOfEveryHostAppearsAsItsTasks() throws Exception {
    for (HostPlan host : plan.hosts()) {
      for (Phase phase : Phase.values()) {
        List<Step> steps = host.steps(phase);
        if (steps.isEmpty()) {
          continue;
        }
        JsonNode tasks = yaml(taskFile(host.host(), phase));
        for (Step step : steps) {
          List<JsonNode> own =
              StreamSupport.stream(tasks.spliterator(), false)
                  .filter(t -> t.get("name").asText().startsWith(step.id() + ": "))
                  .toList();
          String where = host.host() + " " + step.id();
          for (FileSpec file : step.files()) {
            JsonNode copy = only(own, "write " + file.path()).get("ansible.builtin.copy");
            assertEquals(file.content(), copy.get("content").asText(), where);
            assertEquals(file.mode(), copy.get("mode").asText(), where);
          }
          for (Download download : step.downloads()) {
            JsonNode get = only(own, "download " + download.name()).get("ansible.builtin.get_url");
            assertEquals("sha256:" + download.sha256(), get.get("checksum").asText(), where);
            assertEquals(download.path(), get.get("dest").asText(), where);
          }
          for (Action action : step.actions()) {
            JsonNode run =
                own.stream()
                    .filter(
                        t ->
                            t.get("name").asText().startsWith(step.id() + ": run " + action.name()))
                    .findFirst()
                    .orElseThrow(
                        () -> new AssertionError(where + " has no run task for " + action.name()));
            assertEquals(action.run(), run.get("ansible.builtin.shell").get("cmd").asText(), where);
            assertEquals(
                "/bin/sh", run.get("ansible.builtin.shell").get("executable").asText(), where);
            if (action.check() != null) {
              JsonNode check = only(own, "check " + action.name());
              assertEquals(
                  action.check(), check.get("ansible.builtin.shell").get("cmd").asText(), where);
              assertEquals(
                  check.get("register").asText() + ".rc != 0", run.get("when").asText(), where);
            } else {
              assertTrue(
                  run.get("when").asText().contains(" is changed"),
                  where + ": a handler runs on a change");
            }
          }
        }
      }
    }
  }

  @Test
  void joinSecretsAreMintedOnTheFirstMasterWithoutLogging() throws Exception {
    // A control plane's before its prepare; its join uses the config the prepare filled in.
    JsonNode master = yaml(taskFile("kube-master-2", Phase.PREPARE_CONTROL_PLANE_JOINS));
    String masterJoin = project.files().get(taskFile("kube-master-2", Phase.JOIN_CONTROL_PLANES));
    assertFalse(
        masterJoin.contains("token create") || masterJoin.contains("upload-certs"), masterJoin);
    assertTrue(masterJoin.contains("--skip-phases preflight,control-plane-prepare"), masterJoin);
    JsonNode worker = yaml(taskFile("kube-worker-1", Phase.JOIN_WORKERS));
    List<JsonNode> secret = new ArrayList<>();
    for (JsonNode tasks : List.of(master, worker)) {
      tasks.forEach(
          t -> {
            String text = t.toString();
            if (text.contains("token create")
                || text.contains("upload-certs")
                || text.contains(JoinConfigTemplate.CONFIG_PATH + "\"")) {
              secret.add(t);
            }
          });
    }
    assertEquals(
        5,
        secret.size(),
        "token and certificate key for the master, token for the worker, two filled configs");
    for (JsonNode t : secret) {
      assertTrue(t.path("no_log").asBoolean(), t.toString());
    }
    assertEquals(
        2,
        secret.stream()
            .filter(
                t ->
                    t.toString().contains("token create")
                        && t.get("delegate_to").asText().equals("kube-master-1"))
            .count());
    assertTrue(
        master.toString().contains("upload-certs") && !worker.toString().contains("upload-certs"));
    assertTrue(
        StreamSupport.stream(master.spliterator(), false)
            .anyMatch(
                t ->
                    t.path("ansible.builtin.shell")
                        .path("cmd")
                        .asText()
                        .equals(SharedCertificateKey.UPLOAD)),
        "the prepares share one certificate key: " + master);
  }

  @Test
  void commandsAndContentsAreNeverJinjaTemplated() {
    for (var file : project.files().entrySet()) {
      if (!file.getKey().startsWith("tasks/")) {
        continue;
      }
      for (String line : file.getValue().split("\n")) {
        String key = line.strip();
        if (key.startsWith("cmd:")
            || key.startsWith("content:") && !key.contains("{{")
            || key.startsWith("dest:") && !key.contains(JoinConfigTemplate.CONFIG_PATH)) {
          assertTrue(key.contains(" !unsafe "), file.getKey() + ": " + line);
        }
      }
    }
  }

  @Test
  void inventoryChecksHostKeysAndConfigForksOncePerHostWithPipelining() throws Exception {
    String inventory = project.files().get(AnsibleProject.INVENTORY);
    assertTrue(
        inventory.contains(
            """
                kube-master-1:
                  ansible_host: !unsafe '198.18.0.11'
                  ansible_user: !unsafe 'root'
                  ansible_port: 22
                  ansible_ssh_private_key_file: !unsafe "~/.ssh/id_ed25519"
                  ansible_ssh_common_args: !unsafe '-o UserKnownHostsFile=~/.ssh/known_hosts -o StrictHostKeyChecking=yes'
            """),
        inventory);
    assertEquals(
        lab.hosts().stream().map(h -> h.name()).toList(),
        fieldNames(yaml(AnsibleProject.INVENTORY).get("all").get("hosts")));
    String cfg = project.files().get(AnsibleProject.CONFIG);
    assertTrue(
        cfg.contains("inventory = inventory.yml\n")
            && cfg.contains("forks = 8\n")
            && cfg.contains("pipelining = True\n")
            && cfg.contains("host_key_checking = True\n"),
        cfg);
  }

  @Test
  void sameInventoryGivesTheSameBytes() {
    assertEquals(
        project,
        AnsibleExport.render(TestInventories.lab(), PlanRenderer.render(TestInventories.lab())));
    assertEquals(
        project.files().keySet().stream().sorted().toList(), List.copyOf(project.files().keySet()));
  }

  private JsonNode yaml(String file) throws Exception {
    String text = project.files().get(file);
    assertTrue(text != null, "no " + file + " in " + project.files().keySet());
    return YAML.readTree(text);
  }

  static String taskFile(String host, Phase phase) {
    return "tasks/"
        + host
        + "/"
        + String.format("%02d", phase.ordinal() + 1)
        + "-"
        + phase.name().toLowerCase().replace('_', '-')
        + ".yml";
  }

  private static JsonNode only(List<JsonNode> tasks, String suffix) {
    List<JsonNode> found =
        tasks.stream().filter(t -> t.get("name").asText().endsWith(": " + suffix)).toList();
    assertEquals(1, found.size(), suffix + " in " + tasks);
    return found.get(0);
  }

  private static List<String> texts(JsonNode list) {
    return StreamSupport.stream(list.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  void anInventoryWithABundleIsRefusedNamingTheField() {
    Inventory withBundle =
        InventoryDefaults.fill(
            TestInventoryBuilder.from(lab)
                .artifacts(new ArtifactsSpec(null, null, null, null, Map.of(), "/srv/lab.bundle"))
                .build());
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> AnsibleExport.render(withBundle, PlanRenderer.render(withBundle)));
    assertTrue(refused.getMessage().startsWith("spec.artifacts.bundle: "), refused.getMessage());
  }
}
