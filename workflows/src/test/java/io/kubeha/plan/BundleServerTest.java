package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.BundleInventoryTest;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.InventoryLoader;
import io.kubeha.inventory.LoadResult;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Task;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With spec.artifacts.bundle the load balancers serve it, and the nodes' prep waits for them. */
class BundleServerTest {
  static Inventory withBundle(boolean bundle) {
    String yaml =
        BundleInventoryTest.inventory(bundle ? "    bundle: /srv/kubeha/lab.bundle" : "", "", true);
    LoadResult result = InventoryLoader.load(yaml, "lab.yaml");
    assertEquals(List.of(), result.problems());
    return result.inventory();
  }

  @Test
  void eachLoadBalancerUnpacksTheBundleAfterItsNginxAndServesIt() {
    Plan plan = PlanRenderer.render(withBundle(true));
    for (String lb : List.of("ha-lb-a", "ha-lb-b")) {
      HostPlan host = plan.hosts().stream().filter(h -> h.host().equals(lb)).findFirst().get();
      List<String> ids = host.steps().stream().map(Step::id).toList();
      assertEquals("bundle-serve", ids.get(ids.size() - 1), ids.toString());
      assertEquals(ids.indexOf("nginx") + 1, ids.indexOf("bundle-serve"));
      Step serve = host.steps().get(ids.size() - 1);
      assertEquals(Phase.SERVE_BUNDLE, serve.phase());
      assertEquals(
          new ServedBundle(
              "/srv/kubeha/lab.bundle",
              "spec.artifacts.bundle",
              "/var/lib/kubeha/bundle",
              "/etc/nginx/kubeha-bundle-images.conf"),
          serve.bundle());
      String nginx = host.steps().get(ids.indexOf("nginx")).files().get(0).content();
      assertTrue(nginx.contains("listen 18090;"), nginx);
      assertTrue(nginx.contains("root /var/lib/kubeha/bundle;"), nginx);
      assertTrue(nginx.contains("include /etc/nginx/kubeha-bundle-images.conf*;"), nginx);
    }
    // The nodes fetch from the VIP's bundle server.
    HostPlan master = plan.hosts().get(0);
    Step containerd =
        master.steps().stream().filter(s -> s.id().equals("containerd")).findFirst().get();
    assertTrue(
        containerd.downloads().get(0).url().startsWith("http://198.18.0.250:18090/files/"),
        containerd.downloads().get(0).url());
  }

  @Test
  void theBundleReachesTheWorkflowInThePlansData() {
    Plan plan = PlanRenderer.render(withBundle(true));
    assertEquals(plan, PlanData.of(plan).plan());
  }

  @Test
  void withoutABundleNothingChanges() {
    Plan plan = PlanRenderer.render(withBundle(false));
    plan.hosts()
        .forEach(
            h ->
                h.steps()
                    .forEach(
                        s -> {
                          assertFalse(s.phase() == Phase.SERVE_BUNDLE, s.id());
                          assertEquals(null, s.bundle());
                        }));
    String nginx =
        plan.hosts().get(2).steps().stream()
            .filter(s -> s.id().equals("nginx"))
            .findFirst()
            .get()
            .files()
            .get(0)
            .content();
    assertFalse(nginx.contains("http {"), nginx);
  }

  @Test
  void aNodesPrepWaitsForBothLoadBalancersToServeTheBundle() {
    Inventory inv = withBundle(true);
    BringUpGraph graph = BringUpGraph.of(inv, PlanRenderer.render(inv));
    Set<Task> serving =
        Set.of(Task.on("ha-lb-a", Phase.SERVE_BUNDLE), Task.on("ha-lb-b", Phase.SERVE_BUNDLE));
    for (String node : List.of("kube-master-1", "kube-worker-1")) {
      assertTrue(
          graph.needs(Task.on(node, Phase.PREPARE_NODES)).containsAll(serving),
          node + " needs " + graph.needs(Task.on(node, Phase.PREPARE_NODES)));
    }
    assertTrue(
        graph
            .needs(Task.on("ha-lb-a", Phase.SERVE_BUNDLE))
            .contains(Task.on("ha-lb-a", Phase.CONFIGURE_LOAD_BALANCERS)));
    assertFalse(
        graph.needs(Task.on("ha-lb-a", Phase.PREPARE_NODES)).stream()
            .anyMatch(t -> t.phase() == Phase.SERVE_BUNDLE));
  }
}
