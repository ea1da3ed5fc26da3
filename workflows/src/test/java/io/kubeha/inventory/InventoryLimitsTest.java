package io.kubeha.inventory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What no inventory may do: be huge, list too many hosts, or name a host as something else. */
class InventoryLimitsTest {
  private static final String HEAD =
      """
      apiVersion: kubeha/v1alpha1
      kind: Cluster
      metadata: {name: limits}
      spec:
        ssh: {user: root, keyPath: /k/id, knownHosts: /k/known_hosts}
        hosts:
      """;

  @Test
  void anInventoryOverOneMebibyteIsRefusedBeforeParsing() {
    String huge =
        HEAD
            + "    - {name: a, address: 10.0.0.1, roles: [control-plane], x: '"
            + "y".repeat(InventoryLoader.MAX_CHARS)
            + "'}\n";
    long start = System.nanoTime();
    List<Problem> problems = InventoryLoader.load(huge, "huge.yaml").problems();
    assertTrue(
        problems.stream().anyMatch(p -> p.message().contains("larger than 1 MiB")),
        problems.toString());
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused without parsing");
  }

  @Test
  void moreThanAThousandHostsAreRefused() {
    StringBuilder b = new StringBuilder(HEAD);
    b.append("    - {name: m1, address: 10.0.0.1, roles: [control-plane]}\n");
    for (int i = 0; i < HostRules.MAX_HOSTS; i++) {
      b.append("    - {name: w")
          .append(i)
          .append(", address: 10.")
          .append(1 + i / 250)
          .append('.')
          .append(i / 250 % 250)
          .append('.')
          .append(1 + i % 250)
          .append(", roles: [worker]}\n");
    }
    List<Problem> problems = InventoryLoader.load(b.toString(), "many.yaml").problems();
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.path().equals("spec.hosts") && p.message().contains("1001 hosts")),
        problems.toString());
  }

  @Test
  void aHostMayNotTakeANameTheNodesResolveOtherwise() {
    for (String name :
        List.of(
            "localhost",
            "registry.k8s.io",
            "kubernetes.default.svc.cluster.local",
            "pkgs.k8s.io",
            "api.svc")) {
      String yaml =
          HEAD
              + "    - {name: "
              + name
              + ", address: 10.0.0.9, roles: [load-balancer]}\n"
              + "    - {name: kube-master-1, address: 10.0.0.1, roles: [control-plane]}\n";
      List<Problem> problems = InventoryLoader.load(yaml, "names.yaml").problems();
      assertTrue(
          problems.stream()
              .anyMatch(
                  p ->
                      p.path().equals("spec.hosts[0].name")
                          && p.message().contains("resolve otherwise")),
          name + ": " + problems);
    }
  }
}
