package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.InventoryDefaults;
import io.kubeha.inventory.TestInventoryBuilder;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.FakeActivities.Call;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With a bundle, no node starts its prep before both load balancers serve it, grouped or not. */
class BundleBringUpOrderTest {
  static Inventory withBundle() {
    Inventory ha = TestInventories.ha(10);
    return InventoryDefaults.fill(
        TestInventoryBuilder.from(ha)
            .artifacts(new ArtifactsSpec(null, null, null, null, Map.of(), "/srv/lab.bundle"))
            .build());
  }

  @ParameterizedTest(name = "grouped {0}")
  @ValueSource(booleans = {false, true})
  void everyNodesPrepStartsAfterBothLoadBalancersServe(boolean grouped) {
    try (BringUpHarness h = new BringUpHarness(withBundle())) {
      h.groupHostsAbove = grouped ? GroupedBringUpTest.GROUP_ABOVE : null;
      h.runToEnd(true);

      List<Call> calls = h.fakes.calls();
      int lastServe = -1;
      for (int i = 0; i < calls.size(); i++) {
        if (calls.get(i).phase() == Phase.SERVE_BUNDLE) {
          lastServe = i;
        }
      }
      assertEquals(
          List.of("HA-LB-A", "HA-LB-B"),
          calls.stream()
              .filter(c -> c.phase() == Phase.SERVE_BUNDLE)
              .map(Call::host)
              .distinct()
              .sorted()
              .toList());
      // Every node's prep ran, all of it after the bundle was served.
      for (String node : List.of("kube-master-1", "kube-worker-3")) {
        assertTrue(
            calls.stream().anyMatch(c -> c.host().equals(node) && c.phase() == Phase.PREPARE_NODES),
            node + " prepared: " + calls);
      }
      for (int i = 0; i <= lastServe; i++) {
        Call c = calls.get(i);
        assertTrue(
            c.phase() != Phase.PREPARE_NODES || c.host().startsWith("HA-LB"),
            c + " ran before both load balancers served the bundle: " + calls);
      }
    }
  }
}
