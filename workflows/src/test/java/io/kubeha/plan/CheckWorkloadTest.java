package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckWorkloadTest {

  @Test
  void theManifestIsANamespaceADeploymentSpreadOverNodesAndANodePortService() throws Exception {
    String image = "registry.example:5000/e2e/agnhost:2.66.1";
    List<JsonNode> docs =
        FlannelManifestTest.documents(CheckWorkload.manifest(image, "corp.example"));
    assertEquals(
        List.of("Namespace", "Deployment", "Service"),
        docs.stream().map(d -> d.path("kind").asText()).toList());
    assertEquals("kubeha-check", docs.get(0).path("metadata").path("name").asText());

    JsonNode deployment = docs.get(1);
    assertEquals("kubeha-check", deployment.path("metadata").path("namespace").asText());
    assertEquals(3, deployment.path("spec").path("replicas").asInt());
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    JsonNode spread = pod.path("topologySpreadConstraints").get(0);
    assertEquals(1, spread.path("maxSkew").asInt());
    assertEquals("kubernetes.io/hostname", spread.path("topologyKey").asText());
    assertEquals("ScheduleAnyway", spread.path("whenUnsatisfiable").asText());
    JsonNode container = pod.path("containers").get(0);
    assertEquals(image, container.path("image").asText());
    assertEquals(
        List.of("netexec", "--http-port=8080", "--delay-shutdown=5"),
        texts(container.path("args")));
    assertEquals(8080, container.path("ports").get(0).path("containerPort").asInt());
    JsonNode readiness = container.path("readinessProbe").path("httpGet");
    assertEquals("/readyz", readiness.path("path").asText());
    assertEquals(8080, readiness.path("port").asInt());
    JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
    assertEquals(
        labels, deployment.path("spec").path("selector").path("matchLabels"), "selects its Pods");

    JsonNode service = docs.get(2);
    assertEquals("kubeha-check", service.path("metadata").path("name").asText());
    assertEquals("NodePort", service.path("spec").path("type").asText());
    assertEquals(labels, service.path("spec").path("selector"), "selects the same Pods");
    JsonNode port = service.path("spec").path("ports").get(0);
    assertEquals(80, port.path("port").asInt());
    assertEquals(8080, port.path("targetPort").asInt());
    assertEquals(
        "kubeha-check.kubeha-check.svc.corp.example",
        service.path("metadata").path("annotations").path("kubeha.io/check-dns-name").asText());
  }

  @Test
  void theDefaultImageIsAgnhost() throws Exception {
    JsonNode deployment =
        FlannelManifestTest.documents(
                CheckWorkload.manifest(CheckWorkload.DEFAULT_IMAGE, "cluster.local"))
            .get(1);
    assertEquals(
        "registry.k8s.io/e2e-test-images/agnhost:2.66.1",
        deployment
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0)
            .path("image")
            .asText());
  }

  @Test
  void anImageThatIsNotAPinnedReferenceIsRefused() {
    for (String bad :
        List.of(
            "agnhost",
            "registry.k8s.io/agnhost",
            "registry.k8s.io/agnhost:2.66.1\n  command: [sh]",
            "registry.k8s.io/agnhost:2.66.1; reboot",
            "Registry.k8s.io/AGNHOST:1",
            "")) {
      assertTrue(CheckWorkload.imageProblem(bad).isPresent(), bad);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> CheckWorkload.manifest(bad, "cluster.local"));
      assertTrue(e.getMessage().contains("not a pinned image reference"), e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), "no control character is printed back");
    }
    assertTrue(CheckWorkload.imageProblem(null).isPresent());
    assertEquals(
        java.util.Optional.empty(),
        CheckWorkload.imageProblem(
            "registry.k8s.io/e2e-test-images/agnhost@sha256:" + "ab".repeat(32)));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }
}
