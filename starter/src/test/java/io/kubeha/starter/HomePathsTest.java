package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubeha.inventory.InventoryLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HomePathsTest {
  @Test
  void expandsTildeInClusterAndHostSshPaths() {
    String yaml =
        """
        apiVersion: kubeha/v1alpha1
        kind: Cluster
        metadata: {name: t}
        spec:
          hosts:
            - {name: m1, address: 10.0.0.11, roles: [control-plane], ssh: {keyPath: ~/keys/m1, knownHosts: /etc/kh}}
        """;
    var inv =
        HomePaths.expand(InventoryLoader.load(yaml, "t.yaml").inventory(), Path.of("/home/op"));
    assertEquals("/home/op/.ssh/id_ed25519", inv.spec().ssh().keyPath());
    assertEquals("/home/op/.ssh/known_hosts", inv.spec().ssh().knownHosts());
    assertEquals("/home/op/keys/m1", inv.hosts().get(0).ssh().keyPath());
    assertEquals("/etc/kh", inv.hosts().get(0).ssh().knownHosts());
    assertEquals(
        "~user/x",
        HomePaths.expand("~user/x", Path.of("/home/op")),
        "only the operator's own ~/ is expanded");
  }

  @Test
  void hostsThatAreNoListStayNull() {
    String yaml =
        "apiVersion: kubeha/v1alpha1\nkind: Cluster\nmetadata: {name: t}\nspec:\n  hosts: {m1: {address: 10.0.0.11}}\n";
    var loaded = InventoryLoader.load(yaml, "t.yaml");
    assertEquals("spec.hosts", loaded.problems().get(0).path());
    var inv = HomePaths.expand(loaded.inventory(), Path.of("/home/op"));
    assertNull(inv.hosts());
    assertEquals("/home/op/.ssh/id_ed25519", inv.spec().ssh().keyPath());
  }
}
