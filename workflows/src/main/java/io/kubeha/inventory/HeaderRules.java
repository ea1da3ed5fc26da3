package io.kubeha.inventory;

/** apiVersion, kind and metadata.name, which becomes the workflow id kubeha-NAME. */
final class HeaderRules {
  private HeaderRules() {}

  static void check(Inventory inv, Problems p) {
    if (Checks.required(
            p, "apiVersion", inv.apiVersion(), "write apiVersion: " + Inventory.API_VERSION)
        && !inv.apiVersion().equals(Inventory.API_VERSION)) {
      p.add(
          "apiVersion",
          Checks.quote(inv.apiVersion()) + " is not supported",
          "write apiVersion: " + Inventory.API_VERSION);
    }
    if (Checks.required(p, "kind", inv.kind(), "write kind: " + Inventory.KIND)
        && !inv.kind().equals(Inventory.KIND)) {
      p.add(
          "kind", Checks.quote(inv.kind()) + " is not supported", "write kind: " + Inventory.KIND);
    }
    String name = inv.metadata() == null ? null : inv.metadata().name();
    if (Checks.required(
        p, "metadata.name", name, "name the cluster, e.g. metadata: {name: prod-a}")) {
      Checks.matches(
          p,
          "metadata.name",
          name,
          Syntax.DNS_LABEL,
          "a valid cluster name",
          "use lowercase letters, digits and '-', at most 63 characters, starting and ending with a letter or digit (it becomes the workflow id kubeha-NAME)");
    }
  }
}
