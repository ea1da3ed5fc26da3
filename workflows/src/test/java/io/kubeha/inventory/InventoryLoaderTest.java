package io.kubeha.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryLoaderTest {
  private static final String MINIMAL =
      """
      apiVersion: kubeha/v1alpha1
      kind: Cluster
      metadata: {name: small}
      spec:
        hosts:
          - {name: m1, address: 10.1.0.11, roles: [control-plane]}
          - {name: w1, address: 10.1.7.21, roles: [worker]}
      """;

  @Test
  void minimalInventoryGetsEveryDefault() {
    LoadResult result = InventoryLoader.load(MINIMAL, "minimal.yaml");
    assertEquals(List.of(), result.problems());
    Inventory inv = result.inventory();
    ClusterSpec spec = inv.spec();
    for (Record part :
        List.<Record>of(spec.ssh(), spec.kubernetes(), spec.containerRuntime(), spec.options())) {
      assertNoNullComponents(part);
    }
    assertEquals(
        new ControlPlaneEndpointSpec(null, 16443, "enp1s0", 51), spec.controlPlaneEndpoint());
    assertEquals(
        new NtpSpec(
            List.of("cn.ntp.org.cn", "ntp.aliyun.com"), List.of("10.1.0.0/24", "10.1.7.0/24")),
        spec.ntp());
    assertEquals(
        new ArtifactsSpec(
            null,
            ArtifactsSpec.UPSTREAM_APT,
            ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT,
            false,
            Map.of()),
        spec.artifacts());
    assertEquals("3.30.6", spec.kubernetes().cniVersion());
    assertEquals(
        "10.1.0.11:6443",
        inv.controlPlaneEndpoint(),
        "no load balancers: the first master's API server");
    assertEquals("m1", inv.ntpServer().name());
  }

  @Test
  void givenValuesWinOverDefaults() {
    String yaml =
        MINIMAL
            + """
          ssh: {user: kubeha, port: 2222}
          ntp: {upstream: []}
          options: {workerConcurrency: 3}
        """;
    Inventory inv = InventoryLoader.load(yaml, "x.yaml").inventory();
    assertEquals(
        new SshSpec("kubeha", 2222, SshSpec.DEFAULT_KEY_PATH, SshSpec.DEFAULT_KNOWN_HOSTS),
        inv.spec().ssh());
    assertEquals(List.of(), inv.spec().ntp().upstream());
    assertEquals(3, inv.spec().options().workerConcurrency());
  }

  @Test
  void unknownFieldsAreErrorsWithASuggestion() {
    List<Problem> problems =
        RunbookInventory.load()
            .set("/spec/controlPlaneEndpoint/virtualRouterID", 51)
            .set("/spec/hosts/0/adress", "192.168.2.11")
            .remove("/spec/hosts/0/address")
            .set("/spec/colour", "blue")
            .loaded()
            .problems();
    assertEquals(
        List.of(
            new Problem(
                "spec.colour",
                "unknown field",
                "remove it; known fields here: ssh, hosts, controlPlaneEndpoint, ntp, kubernetes, containerRuntime, artifacts, options"),
            new Problem("spec.hosts[0].adress", "unknown field", "did you mean address?"),
            new Problem(
                "spec.controlPlaneEndpoint.virtualRouterID",
                "unknown field",
                "did you mean virtualRouterId?"),
            new Problem(
                "spec.hosts[0].address",
                "is required",
                "give the host's IPv4 address, e.g. 192.168.2.11")),
        problems);
  }

  @Test
  void wrongTypesAreReportedOnceEach() {
    // The unreadable roles leave two control planes, which is reported too (last).
    List<Problem> problems =
        RunbookInventory.load()
            .set("/spec/options/workerConcurrency", "ten")
            .set("/spec/options/netplan", "yes")
            .set("/spec/hosts/0/roles", "control-plane")
            .set("/spec/ssh", "ubuntu@host")
            .set("/spec/controlPlaneEndpoint/port", 99999999999L)
            .loaded()
            .problems();
    assertEquals(
        List.of(
            "spec.ssh",
            "spec.hosts[0].roles",
            "spec.controlPlaneEndpoint.port",
            "spec.options.netplan",
            "spec.options.workerConcurrency",
            "spec.hosts"),
        problems.stream().map(Problem::path).toList(),
        problems::toString);
  }

  @Test
  void aVersionYamlReadsAsANumberMustBeQuoted() {
    String yaml = MINIMAL + "  containerRuntime: {containerd: 2.1}\n";
    List<Problem> problems = InventoryLoader.load(yaml, "x.yaml").problems();
    assertEquals(1, problems.size(), problems::toString);
    assertEquals("spec.containerRuntime.containerd", problems.get(0).path());
    assertTrue(problems.get(0).fix().startsWith("quote it"));
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() {
    LoadResult result =
        InventoryLoader.load(
            "apiVersion: kubeha/v1alpha1\nkind: Cluster\nspec:\n  hosts: [a, b\n", "bad.yaml");
    assertNull(result.inventory());
    assertEquals(1, result.problems().size());
    Problem p = result.problems().get(0);
    assertTrue(p.path().matches("bad\\.yaml:\\d+:\\d+"), p::toString);
    assertTrue(p.message().startsWith("is not valid YAML"), p::toString);
    assertFalse(p.message().contains("\n"), "one line");
  }

  @Test
  void yamlSyntaxErrorIsLocatedAtTheFaultNotTheTokenBefore() {
    Problem tab =
        InventoryLoader.load(MINIMAL.replace("  hosts:", "\thosts:"), "tab.yaml").problems().get(0);
    assertEquals(
        "tab.yaml:5:1",
        tab.path(),
        "the tab starts line 5; Jackson's own location is the end of line 4");
    assertTrue(tab.message().contains("TAB"), tab::toString);
    assertEquals("indent with spaces, never tabs", tab.fix());

    Problem list =
        InventoryLoader.load(MINIMAL.replace("roles: [worker]}", "roles: [worker}"), "list.yaml")
            .problems()
            .get(0);
    assertEquals("list.yaml:7:52", list.path(), list::toString);
    assertTrue(
        list.message().endsWith("(while parsing a flow sequence that starts at 7:45)"),
        list::toString);
  }

  @Test
  void unclosedQuoteIsLocatedWhereItOpens() {
    Problem p =
        InventoryLoader.load(MINIMAL.replace("{name: m1,", "{name: \"m1,"), "q.yaml")
            .problems()
            .get(0);
    assertEquals("q.yaml:6:14", p.path(), "the quote, not the end of the file");
    assertTrue(
        p.message().startsWith("is not valid YAML: found unexpected end of stream"), p::toString);
  }

  @Test
  void controlCharactersFromTheFileAreEscapedInProblems() {
    List<Problem> problems =
        InventoryLoader.load(MINIMAL.replace("spec:", "\"\\e]0;owned\\a\": 1\nspec:"), "esc.yaml")
            .problems();
    assertEquals("\\x1b]0;owned\\x07", problems.get(0).path());
    assertTrue(
        problems.stream().allMatch(p -> p.toString().chars().allMatch(c -> c >= 0x20)),
        problems::toString);
  }

  @Test
  void duplicateKeysAreAnError() {
    LoadResult result =
        InventoryLoader.load(
            "apiVersion: kubeha/v1alpha1\nkind: Cluster\nkind: Cluster\n", "dup.yaml");
    assertTrue(
        result.problems().get(0).path().startsWith("dup.yaml:3:"), result.problems()::toString);
    assertTrue(result.problems().get(0).message().contains("kind"), result.problems()::toString);
  }

  @Test
  void emptyFilesAndOtherDocumentsAreClearErrors() {
    assertEquals(
        List.of(
            new Problem(
                "e.yaml",
                "is empty",
                "write an inventory; examples/runbook.yaml is a complete one")),
        InventoryLoader.load("# nothing yet\n", "e.yaml").problems());
    assertEquals("e.yaml", InventoryLoader.load("", "e.yaml").problems().get(0).path());
    assertEquals(
        "is not an inventory: the document is not a mapping",
        InventoryLoader.load("- a\n- b\n", "l.yaml").problems().get(0).message());
    assertEquals(
        "holds 2 YAML documents",
        InventoryLoader.load(MINIMAL + "---\n" + MINIMAL, "two.yaml").problems().get(0).message());
  }

  @Test
  void aliasesAreRejectedBecauseJacksonDoesNotExpandThem() {
    String yaml =
        MINIMAL
            .replace("roles: [control-plane]}", "roles: &r [control-plane]}")
            .replace("roles: [worker]}", "roles: *r}");
    List<Problem> problems = InventoryLoader.load(yaml, "a.yaml").problems();
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).path().startsWith("a.yaml:7:"), problems::toString);
    assertEquals("uses the YAML alias *r", problems.get(0).message());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    List<Problem> problems =
        RunbookInventory.load()
            .set("/spec/hosts/3/address", "192.168.2.11")
            .set("/spec/controlPlaneEndpoint/virtualRouterId", 300)
            .set("/spec/kubernetes/podSubnet", "10.96.0.0/16")
            .set("/spec/options/aptUpgrade", "no")
            .loaded()
            .problems();
    assertEquals(
        List.of(
            "spec.options.aptUpgrade",
            "spec.hosts[3].address",
            "spec.controlPlaneEndpoint.virtualRouterId",
            "spec.kubernetes.serviceSubnet"),
        problems.stream().map(Problem::path).toList(),
        problems::toString);
  }

  @Test
  void problemPrintsAsPathMessageFix() {
    assertEquals(
        "spec.hosts[3].address: 192.168.2.12 is used twice — use a unique IPv4 address",
        new Problem(
                "spec.hosts[3].address", "192.168.2.12 is used twice", "use a unique IPv4 address")
            .toString());
  }

  private static void assertNoNullComponents(Record r) {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        assertNotNull(c.getAccessor().invoke(r), r.getClass().getSimpleName() + "." + c.getName());
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
  }
}
