package io.kubeha.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * examples/runbook.yaml is true to its comment: every value kubeha defaults is written out, and
 * only the values the comment names as the runbook's or the site's differ from the defaults.
 */
class RunbookExampleTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The runbook's versions and the site's SSH user, as the file's comment names them. */
  private static final Set<String> NOT_DEFAULTS =
      Set.of(
          "/spec/ssh/user",
          "/spec/kubernetes/version",
          "/spec/kubernetes/cniVersion",
          "/spec/containerRuntime/containerd",
          "/spec/containerRuntime/runc",
          "/spec/containerRuntime/cniPlugins",
          "/spec/containerRuntime/pauseImage");

  @Test
  void everyValueKubehaDefaultsIsWrittenOut() throws Exception {
    JsonNode written = YAML.readTree(RunbookInventory.text());
    List<String> missing = new ArrayList<>();
    missing(effective(RunbookInventory.text()), written, "", missing);
    assertEquals(List.of(), missing, "fields the runbook leaves to kubeha's defaults");
  }

  @Test
  void onlyTheValuesItsCommentNamesDifferFromTheDefaults() throws Exception {
    // The runbook's hosts and VIP (they have no default) with nothing else.
    ObjectNode bare = (ObjectNode) YAML.readTree(RunbookInventory.text());
    JsonNode spec = bare.get("spec");
    ObjectNode siteOnly = YAML.createObjectNode();
    siteOnly.set("hosts", spec.get("hosts"));
    siteOnly.putObject("controlPlaneEndpoint").set("vip", spec.at("/controlPlaneEndpoint/vip"));
    bare.set("spec", siteOnly);
    List<String> differ = new ArrayList<>();
    differing(
        effective(RunbookInventory.text()), effective(YAML.writeValueAsString(bare)), "", differ);
    assertEquals(new TreeSet<>(NOT_DEFAULTS), new TreeSet<>(differ));
  }

  /** The inventory as kubeha uses it, defaults filled in, as a tree named like the file. */
  private static JsonNode effective(String yaml) {
    LoadResult loaded = InventoryLoader.load(yaml, "runbook.yaml");
    assertEquals(List.of(), loaded.problems());
    return YAML.valueToTree(loaded.inventory());
  }

  /** Paths of the effective fields the file does not write (hosts are the site's: not walked). */
  private static void missing(JsonNode effective, JsonNode written, String path, List<String> out) {
    effective
        .fields()
        .forEachRemaining(
            field -> {
              String at = path + "/" + field.getKey();
              if (at.equals("/spec/hosts")) {
                return;
              }
              if (written == null || !written.has(field.getKey())) {
                out.add(at);
              } else if (field.getValue().isObject()) {
                missing(field.getValue(), written.get(field.getKey()), at, out);
              }
            });
  }

  /** Paths of the values that differ between two effective inventories, down to the leaves. */
  private static void differing(JsonNode a, JsonNode b, String path, List<String> out) {
    if (a.isObject() && b.isObject()) {
      a.fields()
          .forEachRemaining(
              f -> differing(f.getValue(), b.path(f.getKey()), path + "/" + f.getKey(), out));
    } else if (!a.equals(b)) {
      out.add(path);
    }
  }
}
