package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kubeha.inventory.ContainerRuntimeSpec;
import io.kubeha.inventory.Inventory;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

class ContainerdConfigTest {

  private static TomlParseResult parse(Inventory inv) {
    TomlParseResult toml = Toml.parse(ContainerdConfig.content(inv));
    assertFalse(toml.hasErrors(), () -> toml.errors().toString());
    return toml;
  }

  @Test
  void isAVersion3ConfigWithTheSystemdCgroupDriver() {
    TomlParseResult toml = parse(TestInventories.runbook());
    assertEquals(3L, toml.getLong("version"));
    assertEquals(
        Boolean.TRUE,
        toml.getBoolean(
            "plugins.\"io.containerd.cri.v1.runtime\".containerd.runtimes.runc.options.SystemdCgroup"));
    assertEquals(
        "io.containerd.runc.v2",
        toml.getString(
            "plugins.\"io.containerd.cri.v1.runtime\".containerd.runtimes.runc.runtime_type"));
  }

  @Test
  void importsContainerdsDefaultDropInDirectory() {
    TomlParseResult toml = parse(TestInventories.runbook());
    assertEquals(1, toml.getArray("imports").size());
    assertEquals("/etc/containerd/conf.d/*.toml", toml.getArray("imports").getString(0));
  }

  @Test
  void pinsTheInventorysPauseImageAsTheSandbox() {
    Inventory inv =
        TestInventories.withRuntime(
            TestInventories.runbook(),
            new ContainerRuntimeSpec("2.0.4", "1.2.6", "1.6.2", "registry.example.com/pause:3.10"));
    assertEquals(
        "registry.example.com/pause:3.10",
        parse(inv).getString("plugins.\"io.containerd.cri.v1.images\".pinned_images.sandbox"));
  }

  @Test
  void theNodeStepRestartsContainerdOnlyWhenTheConfigChanges() {
    Step step = ContainerRuntime.containerdConfig(TestInventories.runbook());
    assertEquals(ContainerdConfig.PATH, step.files().get(0).path());
    Action restart = step.actions().get(0);
    assertEquals(null, restart.check());
    assertEquals("systemctl restart containerd", restart.run());
  }
}
