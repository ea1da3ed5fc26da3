package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlannelManifestTest {

  static Inventory flannel(Inventory inv, String podSubnet) {
    KubernetesSpec k = inv.spec().kubernetes();
    return TestInventories.withKubernetes(
        inv,
        new KubernetesSpec(
            k.version(),
            podSubnet,
            k.serviceSubnet(),
            k.dnsDomain(),
            k.imageRepository(),
            KubernetesSpec.FLANNEL,
            KubernetesSpec.DEFAULT_FLANNEL_VERSION,
            k.ignorePreflightErrors(),
            null));
  }

  @Test
  void theFirstMasterAppliesFlannelWithThePodSubnetAsItsNetwork() throws Exception {
    Inventory inv = flannel(TestInventories.lab(), "10.32.0.0/16");
    Step cni =
        PlanRenderer.render(inv).steps("kube-master-1", Phase.INSTALL_CNI).stream()
            .filter(s -> s.id().equals("cni"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of(), cni.downloads(), "rendered, nothing downloaded");
    assertEquals(FlannelManifest.MANIFEST, cni.files().get(0).path());
    assertTrue(cni.actions().get(0).run().contains("apply --server-side"));

    List<JsonNode> docs = documents(cni.files().get(0).content());
    assertEquals(
        List.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "ServiceAccount",
            "ConfigMap",
            "DaemonSet"),
        docs.stream().map(d -> d.path("kind").asText()).toList());
    JsonNode netConf =
        new ObjectMapper().readTree(docs.get(4).path("data").path("net-conf.json").asText());
    assertEquals("10.32.0.0/16", netConf.path("Network").asText());
    assertEquals("vxlan", netConf.path("Backend").path("Type").asText());
    JsonNode pod = docs.get(5).path("spec").path("template").path("spec");
    assertEquals(
        "ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1-flannel3",
        pod.path("initContainers").get(0).path("image").asText());
    assertEquals(
        "ghcr.io/flannel-io/flannel:v0.28.10",
        pod.path("containers").get(0).path("image").asText());
  }

  @Test
  void calicoStaysTheDefault() {
    Step cni =
        PlanRenderer.render(TestInventories.lab()).steps("kube-master-1", Phase.INSTALL_CNI).get(0);
    assertTrue(cni.title().contains("Calico"), cni.title());
  }

  @Test
  void onlyACidrReachesTheManifest() {
    assertThrows(
        IllegalArgumentException.class, () -> FlannelManifest.render("0.28.10", "10.0.0.0/16\"}"));
    assertThrows(
        IllegalArgumentException.class, () -> FlannelManifest.render("0.27.0", "10.0.0.0/16"));
  }

  @Test
  void everyFlannelReleaseTheValidatorAllowsHasItsPluginImage() {
    assertEquals(KubernetesSpec.FLANNEL_VERSIONS, FlannelManifest.versions());
  }

  /** The YAML stream's documents, empty ones left out. */
  static List<JsonNode> documents(String yaml) throws Exception {
    YAMLMapper mapper = new YAMLMapper();
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      var it = mapper.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode d = it.next();
        if (d != null && !d.isNull() && !d.isEmpty()) {
          docs.add(d);
        }
      }
    }
    return docs;
  }
}
