package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.ContainerRuntimeSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.RegistryMirrorSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** containerd's registry host config: rendered as data, completed by the worker. */
class RegistryMirrorsTest {
  private static final RegistryMirrorSpec K8S =
      new RegistryMirrorSpec(
          "registry.k8s.io", List.of("https://mirror.example:5000"), null, false, null);
  private static final RegistryMirrorSpec HUB =
      new RegistryMirrorSpec(
          "docker.io", List.of("https://hub.example", "http://198.18.0.1:5000"), null, true, null);
  private static final RegistryMirrorSpec QUAY =
      new RegistryMirrorSpec(
          "quay.io",
          List.of("https://quay-mirror.example/quay"),
          "/home/op/.kube/mirror-ca.pem",
          false,
          "/home/op/.kube/mirror.auth");

  @TempDir Path tmp;

  static Inventory withMirrors(RegistryMirrorSpec... mirrors) {
    ContainerRuntimeSpec r = TestInventories.runbook().spec().containerRuntime();
    return TestInventories.withRuntime(
        TestInventories.runbook(),
        new ContainerRuntimeSpec(
            r.containerd(), r.runc(), r.cniPlugins(), r.pauseImage(), List.of(mirrors)));
  }

  private static TomlParseResult toml(String text) {
    TomlParseResult toml = Toml.parse(text);
    assertFalse(toml.hasErrors(), () -> toml.errors() + " in\n" + text);
    return toml;
  }

  /** tomlj reads dotted keys, so a URL key is looked up by its quoted form. */
  private static TomlTable host(TomlParseResult toml, String endpoint) {
    TomlTable host = toml.getTable(List.of("host", endpoint));
    assertTrue(host != null, () -> "no [host.\"" + endpoint + "\"] in " + toml.toToml());
    return host;
  }

  @Test
  void aMirrorIsTheExactHostsTomlContainerdDocuments() {
    assertEquals(
        """
        # Managed by kubeha.
        server = "https://registry.k8s.io"

        [host."https://mirror.example:5000"]
          capabilities = ["pull", "resolve"]
        """,
        RegistryHostsToml.content(K8S));
    assertEquals("/etc/containerd/certs.d/registry.k8s.io/hosts.toml", RegistryHostsToml.path(K8S));
  }

  @Test
  void endpointsAreHostsInOrderAndDockerHubFallsBackToItsApiHost() {
    TomlParseResult toml = toml(RegistryHostsToml.content(HUB));
    assertEquals("https://registry-1.docker.io", toml.getString("server"));
    assertEquals(Set.copyOf(HUB.endpoints()), toml.getTable("host").keySet());
    assertTrue(
        RegistryHostsToml.content(HUB).indexOf("https://hub.example")
            < RegistryHostsToml.content(HUB).indexOf("http://198.18.0.1:5000"),
        "containerd tries hosts in the file's order");
    TomlTable https = host(toml, "https://hub.example");
    assertEquals(List.of("pull", "resolve"), https.getArray("capabilities").toList());
    assertEquals(Boolean.TRUE, https.getBoolean("skip_verify"), "insecure skips TLS checks");
    // A plain-HTTP host has no TLS to skip; with skip_verify containerd would try HTTPS first.
    assertNull(host(toml, "http://198.18.0.1:5000").get("skip_verify"));
  }

  @Test
  void theDefaultEntryHasNoServerSoEachImageFallsBackToItsOwnRegistry() {
    RegistryMirrorSpec all =
        new RegistryMirrorSpec("_default", List.of("https://m.example"), null, false, null);
    TomlParseResult toml = toml(RegistryHostsToml.content(all));
    assertNull(toml.get("server"));
    assertEquals("/etc/containerd/certs.d/_default/hosts.toml", RegistryHostsToml.path(all));
  }

  @Test
  void credentialsAndCaAreCompletedOnTheWorkerNotInThePlan() {
    Step step = RegistryMirrors.step(withMirrors(K8S, QUAY));
    assertEquals("registry-mirrors", step.id());
    assertEquals(Phase.PREPARE_NODES, step.phase());
    assertEquals(
        List.of("/etc/containerd/certs.d/registry.k8s.io/hosts.toml"),
        step.files().stream().map(FileSpec::path).toList());
    assertEquals(2, step.workerFiles().size());

    WorkerFile hosts = step.workerFiles().get(0);
    assertEquals("/etc/containerd/certs.d/quay.io/hosts.toml", hosts.path());
    assertEquals("0600", hosts.mode(), "the completed file holds a credential");
    assertEquals(WorkerFile.Fill.BASIC_AUTH, hosts.fill());
    assertEquals("/home/op/.kube/mirror.auth", hosts.source());
    assertEquals("spec.containerRuntime.registryMirrors[1].credentialsFile", hosts.field());
    TomlTable quay = host(toml(hosts.template()), "https://quay-mirror.example/quay");
    assertEquals("/etc/containerd/certs.d/quay.io/ca.pem", quay.getString("ca"));
    assertNull(quay.get("skip_verify"));
    assertEquals(
        RegistryCredentials.PLACEHOLDER,
        quay.getTable("header").getString("Authorization"),
        "the plan shows where the secret goes, not the secret");

    WorkerFile ca = step.workerFiles().get(1);
    assertEquals("/etc/containerd/certs.d/quay.io/ca.pem", ca.path());
    assertEquals("0644", ca.mode());
    assertEquals(WorkerFile.Fill.PEM_CERTIFICATES, ca.fill());
    assertEquals("/home/op/.kube/mirror-ca.pem", ca.source());
  }

  @Test
  void theWorkerWritesTheHeaderWithTheSecretFromTheFile() {
    WorkerFile file = RegistryMirrors.step(withMirrors(QUAY)).workerFiles().get(0);
    String completed = file.complete("mirror-user:S3cret:with:colons\n");
    String basic =
        Base64.getEncoder()
            .encodeToString("mirror-user:S3cret:with:colons".getBytes(StandardCharsets.UTF_8));
    TomlTable quay = host(toml(completed), "https://quay-mirror.example/quay");
    assertEquals("Basic " + basic, quay.getTable("header").getString("Authorization"));
    assertFalse(completed.contains(RegistryCredentials.PLACEHOLDER));
    assertEquals(
        file.template().replace(RegistryCredentials.PLACEHOLDER, "Basic " + basic), completed);
    assertEquals(completed, file.complete("mirror-user:S3cret:with:colons\r\n"), "CRLF too");
  }

  @Test
  void badCredentialsNameTheFieldAndTheFixButNeverTheContent() {
    WorkerFile file = RegistryMirrors.step(withMirrors(QUAY)).workerFiles().get(0);
    for (String bad :
        List.of(
            "", "\n", "Canary-no-colon", ":Canary-no-user", "u:Canary\nline2", "u:Can\u0007ary")) {
      RegistryCredentials.BadFile e =
          assertThrows(RegistryCredentials.BadFile.class, () -> file.complete(bad));
      assertEquals("spec.containerRuntime.registryMirrors[0].credentialsFile", e.field());
      assertTrue(e.getMessage().contains("/home/op/.kube/mirror.auth"), e::getMessage);
      assertTrue(e.fix().contains("user:password"), e::getMessage);
      assertFalse(e.getMessage().contains("Canary"), e::getMessage);
      assertFalse(e.getMessage().contains("Can"), e::getMessage);
    }
  }

  @Test
  void aCaFileMustBeCertificatesOnly() {
    WorkerFile ca = RegistryMirrors.step(withMirrors(QUAY)).workerFiles().get(1);
    String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    assertEquals(pem + "\n", ca.complete(pem));
    assertThrows(IllegalArgumentException.class, () -> ca.complete("not a certificate"));
    RegistryCredentials.BadFile key =
        assertThrows(
            RegistryCredentials.BadFile.class,
            () ->
                ca.complete(
                    pem + "\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"));
    assertTrue(key.what().contains("private key"), key::getMessage);
  }

  @Test
  void theStepRunsOnNodesAfterContainerdsConfigOnlyWithMirrors() {
    Plan without = PlanRenderer.render(TestInventories.runbook());
    assertTrue(
        without.hosts().stream()
            .flatMap(h -> h.steps().stream())
            .noneMatch(s -> s.id().equals("registry-mirrors")));
    Plan with = PlanRenderer.render(withMirrors(K8S));
    for (HostPlan h : with.hosts()) {
      List<String> ids = h.steps().stream().map(Step::id).toList();
      boolean node = h.roles().contains("control-plane") || h.roles().contains("worker");
      assertEquals(node, ids.contains("registry-mirrors"), h.host() + ": " + ids);
      if (node) {
        assertEquals(ids.indexOf("containerd-config") + 1, ids.indexOf("registry-mirrors"));
      }
    }
  }

  @Test
  void containerdReadsTheHostsDirectoryOnlyWhenThereAreMirrors() {
    String key = "plugins.\"io.containerd.cri.v1.images\".registry.config_path";
    assertNull(toml(ContainerdConfig.content(TestInventories.runbook())).get(key));
    assertEquals(
        "/etc/containerd/certs.d", toml(ContainerdConfig.content(withMirrors(K8S))).getString(key));
    assertEquals(
        TestInventories.runbook().spec().containerRuntime().pauseImage(),
        toml(ContainerdConfig.content(withMirrors(K8S)))
            .getString("plugins.\"io.containerd.cri.v1.images\".pinned_images.sandbox"));
  }

  @Test
  void thePlanAsDataCarriesWorkerFilesAndReadsBackTheSame() {
    Plan plan = PlanRenderer.render(withMirrors(K8S, QUAY));
    assertEquals(plan, PlanData.of(plan).plan());
  }

  @Test
  void theRendererRefusesWhatTheValidatorWouldHaveRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RegistryHostsToml.content(
                new RegistryMirrorSpec(
                    "docker.io", List.of("https://m.example\"]\n[x"), null, false, null)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RegistryHostsToml.path(
                new RegistryMirrorSpec(
                    "../../etc", List.of("https://m.example"), null, false, null)));
  }

  /** The prune, run by sh in a temp dir standing in for /etc/containerd/certs.d. */
  @Test
  void pruneRemovesOnlyDirectoriesKubehaWroteForRegistriesNoLongerListed() throws Exception {
    Path certs = tmp.resolve("certs.d");
    write(certs.resolve("registry.k8s.io/hosts.toml"), RegistryHostsToml.content(K8S));
    write(certs.resolve("old.example/hosts.toml"), "# Managed by kubeha.\nserver = \"x\"\n");
    write(certs.resolve("old.example/ca.pem"), "pem");
    write(certs.resolve("mine.example/hosts.toml"), "server = \"https://mine.example\"\n");
    Action prune = RegistryMirrors.prune(withMirrors(K8S));
    String dir = RegistryMirrors.CERTS_DIR;

    assertEquals(1, sh(prune.check().replace(dir, certs.toString())), "something to prune");
    assertEquals(0, sh(prune.run().replace(dir, certs.toString())));
    assertFalse(Files.exists(certs.resolve("old.example")));
    assertTrue(Files.exists(certs.resolve("registry.k8s.io/hosts.toml")), "still listed");
    assertTrue(Files.exists(certs.resolve("mine.example/hosts.toml")), "not kubeha's");
    assertEquals(0, sh(prune.check().replace(dir, certs.toString())), "nothing left to prune");

    Action none = RegistryMirrors.prune(TestInventories.runbook());
    assertEquals(0, sh(none.run().replace(dir, certs.toString())));
    assertFalse(Files.exists(certs.resolve("registry.k8s.io")), "no mirrors: none of kubeha's");
    assertTrue(Files.exists(certs.resolve("mine.example/hosts.toml")));
  }

  @Test
  void theConfigStepPrunesEvenWithoutMirrors() {
    List<String> actions =
        ContainerRuntime.containerdConfig(TestInventories.runbook()).actions().stream()
            .map(Action::name)
            .toList();
    assertEquals(List.of("restart-containerd", "prune-registry-mirrors"), actions);
  }

  private static void write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static int sh(String script) throws Exception {
    return Processes.run(List.of("/bin/sh", "-c", script)).exitCode();
  }
}
