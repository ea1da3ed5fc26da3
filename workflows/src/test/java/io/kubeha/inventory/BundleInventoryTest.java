package io.kubeha.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.artifacts.bundle: everything the nodes fetch points at the load balancers' bundle. */
public class BundleInventoryTest {
  /** artifacts and runtime: lines under spec, indented by two spaces. */
  public static String inventory(String artifacts, String runtime, boolean loadBalancers) {
    String lbs =
        loadBalancers
            ? "    - {name: ha-lb-a, address: 198.18.0.31, roles: [load-balancer, ntp-server]}\n"
                + "    - {name: ha-lb-b, address: 198.18.0.32, roles: [load-balancer]}\n"
            : "";
    return "apiVersion: kubeha/v1alpha1\n"
        + "kind: Cluster\n"
        + "metadata: {name: lab}\n"
        + "spec:\n"
        + "  hosts:\n"
        + "    - {name: kube-master-1, address: 198.18.0.11, roles: [control-plane]}\n"
        + "    - {name: kube-worker-1, address: 198.18.0.21, roles: [worker]}\n"
        + lbs
        + (loadBalancers ? "  controlPlaneEndpoint: {vip: 198.18.0.250}\n" : "")
        + "  artifacts:\n"
        + artifacts
        + "\n"
        + runtime;
  }

  @Test
  void theMirrorTheAptRepositoryAndEveryImageComeFromTheVip() {
    LoadResult result =
        InventoryLoader.load(inventory("    bundle: /srv/kubeha/lab.bundle", "", true), "lab.yaml");

    assertEquals(List.of(), result.problems());
    ArtifactsSpec a = result.inventory().spec().artifacts();
    assertEquals("/srv/kubeha/lab.bundle", a.bundle());
    assertEquals("http://198.18.0.250:18090/files", a.mirror());
    assertEquals("http://198.18.0.250:18090/apt", a.aptRepository());
    assertEquals(ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT, a.aptKeyFingerprint());
    assertEquals(true, a.insecure());
    assertEquals(
        List.of(
            new RegistryMirrorSpec(
                "_default", List.of("http://198.18.0.250:18090"), null, true, null)),
        result.inventory().spec().containerRuntime().registryMirrors());
  }

  @Test
  void aMirrorOrRepositoryBesideTheBundleIsRefusedNamingIt() {
    List<Problem> problems =
        InventoryLoader.load(
                inventory(
                    "    bundle: /srv/kubeha/lab.bundle\n"
                        + "    mirror: http://198.18.0.1:18080\n"
                        + "    insecure: true",
                    "  containerRuntime:\n"
                        + "    registryMirrors:\n"
                        + "      - {registry: _default, endpoints: ['http://198.18.0.1:5000'],"
                        + " insecure: true}\n",
                    true),
                "lab.yaml")
            .problems();

    assertEquals(
        List.of("spec.artifacts.mirror", "spec.containerRuntime.registryMirrors[0]"),
        problems.stream().map(Problem::path).toList(),
        problems.toString());
    assertTrue(problems.get(0).fix().startsWith("remove mirror"), problems.toString());
  }

  @Test
  void aBundleNeedsTheLoadBalancersAndAnAbsolutePath() {
    List<Problem> none =
        InventoryLoader.load(inventory("    bundle: /srv/lab.bundle", "", false), "x.yaml")
            .problems();
    assertEquals(List.of("spec.artifacts.bundle"), none.stream().map(Problem::path).toList());
    assertTrue(none.get(0).message().contains("has none"), none.toString());

    List<Problem> relative =
        InventoryLoader.load(inventory("    bundle: lab.bundle", "", true), "x.yaml").problems();
    assertEquals(List.of("spec.artifacts.bundle"), relative.stream().map(Problem::path).toList());
  }
}
