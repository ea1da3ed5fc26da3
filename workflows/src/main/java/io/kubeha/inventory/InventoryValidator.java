package io.kubeha.inventory;

import java.util.List;

/**
 * Checks an inventory against every rule of SPEC.md and more: each problem names its field path and
 * the fix. Pure (no I/O): the SSH key and known_hosts files are checked by the starter. Every value
 * that may reach a shell must match a whitelist here, the first line of defence.
 */
public final class InventoryValidator {
  private InventoryValidator() {}

  public static List<Problem> validate(Inventory inventory) {
    Problems p = new Problems();
    if (inventory == null) {
      p.add(
          "(inventory)",
          "is missing",
          "write an inventory; examples/runbook.yaml is a complete one");
      return p.list();
    }
    Inventory inv = InventoryDefaults.fill(inventory);
    HeaderRules.check(inv, p);
    ClusterSpec spec = inv.spec();
    SshRules.check(spec.ssh(), "spec.ssh", p);
    HostRules.check(spec, p);
    TopologyRules.check(spec, p);
    HostNetworkRules.check(spec, p);
    EndpointRules.check(spec, p);
    NtpRules.check(spec, p);
    SubnetRules.check(spec, p);
    SoftwareRules.check(spec, p);
    RegistryMirrorRules.check(spec.containerRuntime().registryMirrors(), p);
    ArtifactRules.check(spec.artifacts(), p);
    BundleRules.check(spec, p);
    OptionRules.check(spec.options(), p);
    return p.list();
  }
}
