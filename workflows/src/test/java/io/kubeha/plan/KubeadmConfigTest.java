package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kubeadm documents parse as YAML and use only field names of kubeadm.k8s.io/v1beta4. */
class KubeadmConfigTest {
  // Field paths of v1beta4
  // (https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/)
  // that kubeha may write; "[]" stands for any list element.
  private static final Map<String, Set<String>> V1BETA4 =
      Map.of(
          "InitConfiguration",
              Set.of(
                  "apiVersion",
                  "kind",
                  "bootstrapTokens",
                  "bootstrapTokens[].description",
                  "bootstrapTokens[].ttl",
                  "localAPIEndpoint",
                  "localAPIEndpoint.advertiseAddress",
                  "localAPIEndpoint.bindPort",
                  "nodeRegistration",
                  "nodeRegistration.name",
                  "nodeRegistration.criSocket",
                  "nodeRegistration.taints",
                  "nodeRegistration.kubeletExtraArgs",
                  "nodeRegistration.ignorePreflightErrors",
                  "nodeRegistration.imagePullPolicy",
                  "nodeRegistration.imagePullSerial",
                  "certificateKey",
                  "skipPhases",
                  "timeouts"),
          "ClusterConfiguration",
              Set.of(
                  "apiVersion",
                  "kind",
                  "etcd",
                  "etcd.local",
                  "etcd.local.dataDir",
                  "networking",
                  "networking.serviceSubnet",
                  "networking.podSubnet",
                  "networking.dnsDomain",
                  "kubernetesVersion",
                  "controlPlaneEndpoint",
                  "apiServer",
                  "controllerManager",
                  "scheduler",
                  "dns",
                  "proxy",
                  "certificatesDir",
                  "imageRepository",
                  "featureGates",
                  "clusterName",
                  "encryptionAlgorithm",
                  "certificateValidityPeriod",
                  "caCertificateValidityPeriod"),
          "JoinConfiguration",
              Set.of(
                  "apiVersion",
                  "kind",
                  "dryRun",
                  "nodeRegistration",
                  "nodeRegistration.name",
                  "nodeRegistration.criSocket",
                  "nodeRegistration.taints",
                  "nodeRegistration.kubeletExtraArgs",
                  "nodeRegistration.imagePullPolicy",
                  "caCertPath",
                  "discovery",
                  "discovery.bootstrapToken",
                  "discovery.bootstrapToken.token",
                  "discovery.bootstrapToken.apiServerEndpoint",
                  "discovery.bootstrapToken.caCertHashes",
                  "discovery.bootstrapToken.caCertHashes[]",
                  "discovery.bootstrapToken.unsafeSkipCAVerification",
                  "discovery.tlsBootstrapToken",
                  "controlPlane",
                  "controlPlane.localAPIEndpoint",
                  "controlPlane.localAPIEndpoint.advertiseAddress",
                  "controlPlane.localAPIEndpoint.bindPort",
                  "controlPlane.certificateKey",
                  "skipPhases",
                  "timeouts"));

  private final Inventory runbook = TestInventories.runbook();

  @Test
  void initConfigHasTheHaEndpointThisHostAndNoFixedToken() throws Exception {
    List<JsonNode> docs = documents(KubeadmConfig.content(runbook));
    JsonNode init = docs.get(0);
    JsonNode cluster = docs.get(1);
    assertEquals("InitConfiguration", init.get("kind").asText());
    assertEquals("192.168.2.11", init.at("/localAPIEndpoint/advertiseAddress").asText());
    assertEquals("kube-master-1", init.at("/nodeRegistration/name").asText());
    assertEquals(KubeadmConfig.CRI_SOCKET, init.at("/nodeRegistration/criSocket").asText());
    assertFalse(init.at("/bootstrapTokens/0").has("token"), "kubeadm generates the token");
    assertEquals(
        KubeadmConfig.INIT_TOKEN,
        init.at("/bootstrapTokens/0/description").asText(),
        "described, so the init activity finds and deletes it");
    assertEquals("1h0m0s", init.at("/bootstrapTokens/0/ttl").asText());
    assertFalse(KubeadmConfig.content(runbook).contains("abcdef"));
    assertEquals("ClusterConfiguration", cluster.get("kind").asText());
    assertEquals("192.168.2.100:16443", cluster.get("controlPlaneEndpoint").asText());
    assertEquals("10.244.0.0/16", cluster.at("/networking/podSubnet").asText());
    assertEquals("10.96.0.0/12", cluster.at("/networking/serviceSubnet").asText());
    assertEquals("cluster.local", cluster.at("/networking/dnsDomain").asText());
    assertEquals("v1.37.2", cluster.get("kubernetesVersion").asText());
    assertEquals("/var/lib/etcd", cluster.at("/etcd/local/dataDir").asText());
  }

  @Test
  void initRunsOnceWithUploadCertsAndPrintsNoSecret() {
    Action init = KubeadmConfig.initStep(runbook).actions().get(0);
    assertTrue(init.run().contains("--upload-certs"), init.run());
    assertTrue(
        init.run().contains("--skip-certificate-key-print")
            && init.run().contains("--skip-token-print"));
    assertEquals("test -f /etc/kubernetes/admin.conf", init.check());
    assertTrue(init.detached());
  }

  @Test
  void joinTemplatesNameEachHostAndCarryOnlyPlaceholders() throws Exception {
    for (HostSpec h : runbook.nodes().subList(1, runbook.nodes().size())) {
      String template = JoinConfigTemplate.content(runbook, h);
      JsonNode join = documents(template).get(0);
      assertEquals("JoinConfiguration", join.get("kind").asText());
      assertEquals(
          "192.168.2.100:16443", join.at("/discovery/bootstrapToken/apiServerEndpoint").asText());
      assertEquals(JoinConfigTemplate.TOKEN, join.at("/discovery/bootstrapToken/token").asText());
      assertEquals(
          JoinConfigTemplate.CA_CERT_HASH,
          join.at("/discovery/bootstrapToken/caCertHashes/0").asText());
      assertEquals(h.name(), join.at("/nodeRegistration/name").asText());
      boolean controlPlane = runbook.controlPlanes().contains(h);
      assertEquals(controlPlane, join.has("controlPlane"), h.name());
      if (controlPlane) {
        assertEquals(
            h.address(), join.at("/controlPlane/localAPIEndpoint/advertiseAddress").asText());
        assertEquals(
            JoinConfigTemplate.CERTIFICATE_KEY, join.at("/controlPlane/certificateKey").asText());
      }
      Step step = JoinConfigTemplate.step(runbook, h);
      assertEquals(JoinConfigTemplate.TEMPLATE_PATH, step.files().get(0).path());
      assertEquals("test -f /etc/kubernetes/kubelet.conf", step.actions().get(0).check());
    }
  }

  @Test
  void everyFieldIsAKnownV1beta4Field() throws Exception {
    List<String> texts = new ArrayList<>(List.of(KubeadmConfig.content(runbook)));
    runbook.nodes().forEach(h -> texts.add(JoinConfigTemplate.content(runbook, h)));
    for (String text : texts) {
      for (JsonNode doc : documents(text)) {
        if (doc.get("kind").asText().equals("KubeProxyConfiguration")) {
          continue; // kube-proxy's own API, not kubeadm's
        }
        assertEquals(KubeadmConfig.API_VERSION, doc.get("apiVersion").asText());
        Set<String> known = V1BETA4.get(doc.get("kind").asText());
        for (String path : paths(doc, "")) {
          assertTrue(known.contains(path), doc.get("kind").asText() + " has no field " + path);
        }
      }
    }
  }

  @Test
  void aKubeProxySettingAddsKubeProxysOwnDocumentAndNothingElse() throws Exception {
    assertEquals(2, documents(KubeadmConfig.content(runbook)).size(), "none by default");
    io.kubeha.inventory.KubernetesSpec k = runbook.spec().kubernetes();
    io.kubeha.inventory.ClusterSpec s = runbook.spec();
    Inventory withZero =
        TestInventories.withSpec(
            runbook,
            new io.kubeha.inventory.ClusterSpec(
                s.ssh(),
                s.hosts(),
                s.controlPlaneEndpoint(),
                s.ntp(),
                new io.kubeha.inventory.KubernetesSpec(
                    k.version(),
                    k.podSubnet(),
                    k.serviceSubnet(),
                    k.dnsDomain(),
                    k.imageRepository(),
                    k.cni(),
                    k.cniVersion(),
                    k.ignorePreflightErrors(),
                    new io.kubeha.inventory.KubeProxySpec(0)),
                s.containerRuntime(),
                s.artifacts(),
                s.options()));
    List<JsonNode> docs = documents(KubeadmConfig.content(withZero));
    assertEquals(3, docs.size());
    assertEquals("kubeproxy.config.k8s.io/v1alpha1", docs.get(2).get("apiVersion").asText());
    assertEquals("KubeProxyConfiguration", docs.get(2).get("kind").asText());
    assertEquals(0, docs.get(2).path("conntrack").path("maxPerCore").asInt(-1));
  }

  static List<JsonNode> documents(String yaml) throws Exception {
    ObjectMapper mapper = new YAMLMapper();
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      Iterator<JsonNode> it = mapper.readValues(parser, JsonNode.class);
      it.forEachRemaining(docs::add);
    }
    return docs;
  }

  private static List<String> paths(JsonNode node, String prefix) {
    List<String> out = new ArrayList<>();
    if (node instanceof ObjectNode obj) {
      obj.fieldNames()
          .forEachRemaining(
              name -> {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                out.add(path);
                out.addAll(paths(obj.get(name), path));
              });
    } else if (node.isArray()) {
      node.forEach(
          el -> {
            if (el.isObject()) {
              out.addAll(paths(el, prefix + "[]"));
            } else {
              out.add(prefix + "[]");
            }
          });
    }
    return out;
  }
}
