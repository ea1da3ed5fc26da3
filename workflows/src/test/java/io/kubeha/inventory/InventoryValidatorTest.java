package io.kubeha.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InventoryValidatorTest {
  private static final String SHA = "a".repeat(64);
  private static final String KEY = "E1E56BF17BEDAB23831C2698CEDB7EF1B91D461C";

  @Test
  void runbookHasNoProblems() {
    LoadResult result = InventoryLoader.load(RunbookInventory.text(), "runbook.yaml");
    assertEquals(List.of(), result.problems());
    assertTrue(result.ok());
    assertEquals("192.168.2.100:16443", result.inventory().controlPlaneEndpoint());
    assertEquals("HA-LB-A", result.inventory().ntpServer().name());
  }

  static Stream<Arguments> badInventories() {
    return Stream.of(
        bad("apiVersion", i -> i.set("/apiVersion", "kubeha/v1")),
        bad("kind", i -> i.set("/kind", "Clusters")),
        bad("metadata.name", i -> i.set("/metadata/name", "Prod_A")),
        bad("metadata.name", i -> i.remove("/metadata")),
        bad("spec.hosts", i -> i.set("/spec/hosts", List.of())),
        bad("spec.hosts[3].address", i -> i.set("/spec/hosts/3/address", "192.168.2.11")),
        bad("spec.hosts[3].address", i -> i.set("/spec/hosts/3/address", "kube-worker-1.local")),
        bad("spec.hosts[3].address", i -> i.set("/spec/hosts/3/address", "192.168.2.021")),
        bad("spec.hosts[3].address", i -> i.set("/spec/hosts/3/address", "192.168.2.256")),
        bad("spec.hosts[3].address", i -> i.set("/spec/hosts/3/address", "127.0.0.5")),
        bad(
            "spec.hosts[3].address",
            i ->
                i.set("/spec/hosts/3/address", "192.168.2.0")
                    .set("/spec/hosts/3/network", Map.of("prefixLength", 24))),
        bad("spec.hosts[3].address", i -> i.remove("/spec/hosts/3/address")),
        bad("spec.hosts[4].name", i -> i.set("/spec/hosts/4/name", "kube-worker-1")),
        bad("spec.hosts[4].name", i -> i.set("/spec/hosts/4/name", "Kube-Worker-2")),
        bad("spec.hosts[7].name", i -> i.set("/spec/hosts/7/name", "ha-lb-a")),
        bad("spec.hosts[4].name", i -> i.set("/spec/hosts/4/name", "kube;reboot")),
        bad("spec.hosts[4].name", i -> i.set("/spec/hosts/4/name", "-worker")),
        bad("spec.hosts[4].name", i -> i.set("/spec/hosts/4/name", "w".repeat(65))),
        bad("spec.hosts[4].roles[0]", i -> i.set("/spec/hosts/4/roles", List.of("wrker"))),
        bad(
            "spec.hosts[4].roles[1]",
            i -> i.set("/spec/hosts/4/roles", List.of("worker", "worker"))),
        bad("spec.hosts[4].roles", i -> i.set("/spec/hosts/4/roles", List.of())),
        bad(
            "spec.hosts[4].roles",
            i -> i.set("/spec/hosts/4/roles", List.of("worker", "control-plane"))),
        bad("spec.hosts", i -> i.remove("/spec/hosts/2")),
        bad(
            "spec.hosts",
            i ->
                i.set("/spec/hosts/0/roles", List.of("worker"))
                    .set("/spec/hosts/1/roles", List.of("worker"))
                    .set("/spec/hosts/2/roles", List.of("worker"))),
        bad("spec.hosts", i -> i.set("/spec/hosts/3/roles", List.of("load-balancer"))),
        bad("spec.hosts", i -> i.remove("/spec/hosts/7")),
        bad(
            "spec.hosts[7].roles",
            i -> i.set("/spec/hosts/7/roles", List.of("load-balancer", "ntp-server"))),
        bad(
            "spec.controlPlaneEndpoint.vip",
            i -> i.set("/spec/controlPlaneEndpoint/vip", "192.168.3.100")),
        bad(
            "spec.controlPlaneEndpoint.vip",
            i -> i.set("/spec/controlPlaneEndpoint/vip", "192.168.2.12")),
        bad(
            "spec.controlPlaneEndpoint.vip",
            i -> i.set("/spec/controlPlaneEndpoint/vip", "192.168.2.255")),
        bad(
            "spec.controlPlaneEndpoint.vip",
            i -> i.set("/spec/controlPlaneEndpoint/vip", "vip.example")),
        bad("spec.controlPlaneEndpoint.vip", i -> i.remove("/spec/controlPlaneEndpoint/vip")),
        bad(
            "spec.controlPlaneEndpoint.vip",
            i -> i.remove("/spec/hosts/7").remove("/spec/hosts/6")),
        bad("spec.controlPlaneEndpoint.port", i -> i.set("/spec/controlPlaneEndpoint/port", 70000)),
        bad("spec.controlPlaneEndpoint.port", i -> i.set("/spec/controlPlaneEndpoint/port", 0)),
        bad("spec.controlPlaneEndpoint.port", i -> i.set("/spec/controlPlaneEndpoint/port", 22)),
        bad(
            "spec.controlPlaneEndpoint.port",
            i ->
                i.remove("/spec/hosts/7")
                    .set("/spec/hosts/5/roles", List.of("worker", "load-balancer"))
                    .set("/spec/controlPlaneEndpoint/port", 10250)),
        bad(
            "spec.controlPlaneEndpoint.interface",
            i -> i.set("/spec/controlPlaneEndpoint/interface", "eth0;reboot")),
        bad(
            "spec.controlPlaneEndpoint.interface",
            i -> i.set("/spec/controlPlaneEndpoint/interface", "enp1s0-too-long-name")),
        bad(
            "spec.controlPlaneEndpoint.virtualRouterId",
            i -> i.set("/spec/controlPlaneEndpoint/virtualRouterId", 256)),
        bad(
            "spec.controlPlaneEndpoint.virtualRouterId",
            i -> i.set("/spec/controlPlaneEndpoint/virtualRouterId", 0)),
        bad(
            "spec.hosts[0].network.prefixLength",
            i -> i.set("/spec/hosts/0/network", Map.of("prefixLength", 33))),
        bad(
            "spec.hosts[0].network.interfaceName",
            i -> i.set("/spec/hosts/0/network", Map.of("interfaceName", "en p1"))),
        bad(
            "spec.hosts[0].network.gateway",
            i -> i.set("/spec/hosts/0/network", Map.of("gateway", "192.168.3.1"))),
        bad(
            "spec.hosts[0].network.nameservers[0]",
            i -> i.set("/spec/hosts/0/network", Map.of("nameservers", List.of("dns.google")))),
        bad(
            "spec.hosts[0].network.interfaceName",
            i -> i.remove("/spec/hosts/0/network").set("/spec/options/netplan", true)),
        bad(
            "spec.kubernetes.serviceSubnet",
            i -> i.set("/spec/kubernetes/podSubnet", "10.96.0.0/16")),
        bad(
            "spec.kubernetes.podSubnet",
            i -> i.set("/spec/kubernetes/podSubnet", "192.168.0.0/16")),
        bad("spec.kubernetes.podSubnet", i -> i.set("/spec/kubernetes/podSubnet", "10.244.0.0/33")),
        bad("spec.kubernetes.podSubnet", i -> i.set("/spec/kubernetes/podSubnet", "10.244.1.0/16")),
        bad("spec.kubernetes.podSubnet", i -> i.set("/spec/kubernetes/podSubnet", "10.244.0.0/23")),
        bad(
            "spec.kubernetes.serviceSubnet",
            i -> i.set("/spec/kubernetes/serviceSubnet", "10.0.0.0/8")),
        bad(
            "spec.kubernetes.serviceSubnet",
            i -> i.set("/spec/kubernetes/serviceSubnet", "192.168.2.96/28")),
        bad("spec.ntp.allow", i -> i.set("/spec/ntp/allow", List.of("10.0.0.0/8"))),
        bad("spec.ntp.allow[0]", i -> i.set("/spec/ntp/allow", List.of("192.168.2.0/24;"))),
        bad(
            "spec.ntp.upstream[0]",
            i -> i.set("/spec/ntp/upstream", List.of("pool.ntp.org; reboot"))),
        bad("spec.kubernetes.version", i -> i.set("/spec/kubernetes/version", "1.30.0")),
        bad("spec.kubernetes.version", i -> i.set("/spec/kubernetes/version", "v1.32.0")),
        bad("spec.kubernetes.version", i -> i.set("/spec/kubernetes/version", "1.32")),
        bad("spec.kubernetes.dnsDomain", i -> i.set("/spec/kubernetes/dnsDomain", "Cluster.Local")),
        bad(
            "spec.kubernetes.imageRepository",
            i -> i.set("/spec/kubernetes/imageRepository", "registry.k8s.io/$(id)")),
        bad("spec.kubernetes.cni", i -> i.set("/spec/kubernetes/cni", "weave")),
        bad("spec.kubernetes.cniVersion", i -> i.set("/spec/kubernetes/cniVersion", "3.29")),
        bad(
            "spec.kubernetes.kubeProxy.conntrackMaxPerCore",
            i -> i.set("/spec/kubernetes/kubeProxy", Map.of("conntrackMaxPerCore", -1))),
        bad(
            "spec.kubernetes.cniVersion",
            i ->
                i.set("/spec/kubernetes/cni", "flannel")
                    .set("/spec/kubernetes/cniVersion", "0.27.0")),
        bad(
            "spec.containerRuntime.containerd",
            i -> i.set("/spec/containerRuntime/containerd", "1.7.27")),
        bad("spec.containerRuntime.runc", i -> i.set("/spec/containerRuntime/runc", "1.2.6`id`")),
        bad(
            "spec.containerRuntime.cniPlugins",
            i -> i.set("/spec/containerRuntime/cniPlugins", "latest")),
        bad(
            "spec.containerRuntime.pauseImage",
            i -> i.set("/spec/containerRuntime/pauseImage", "registry.k8s.io/pause")),
        bad(
            "spec.containerRuntime.pauseImage",
            i -> i.set("/spec/containerRuntime/pauseImage", "registry.k8s.io/pause:3.10'")),
        bad("spec.options.workerConcurrency", i -> i.set("/spec/options/workerConcurrency", 0)),
        bad("spec.options.workerConcurrency", i -> i.set("/spec/options/workerConcurrency", 1001)),
        bad("spec.options.allowedOs", i -> i.set("/spec/options/allowedOs", List.of())),
        bad(
            "spec.options.allowedOs[0]",
            i -> i.set("/spec/options/allowedOs", List.of("Ubuntu 24.04"))),
        bad("spec.ssh.user", i -> i.set("/spec/ssh/user", "root;id")),
        bad("spec.ssh.port", i -> i.set("/spec/ssh/port", 65536)),
        bad("spec.ssh.keyPath", i -> i.set("/spec/ssh/keyPath", "id_ed25519")),
        bad("spec.ssh.knownHosts", i -> i.set("/spec/ssh/knownHosts", "~/.ssh/known\nhosts")),
        bad("spec.hosts[1].ssh.user", i -> i.set("/spec/hosts/1/ssh", Map.of("user", "Bad User"))),
        bad("spec.artifacts.mirror", i -> i.set("/spec/artifacts/mirror", "ftp://mirror.example")),
        bad(
            "spec.artifacts.mirror",
            i -> i.set("/spec/artifacts/mirror", "http://mirror.example:8080/")),
        bad(
            "spec.artifacts.mirror",
            i -> i.set("/spec/artifacts/mirror", "http://user:secret@mirror.example")),
        bad(
            "spec.artifacts.mirror",
            i -> i.set("/spec/artifacts/mirror", "http://mirror.example/a b")),
        bad(
            "spec.artifacts.aptRepository",
            i -> i.set("/spec/artifacts/aptRepository", "https://pkgs.k8s.io/$(id)")),
        bad(
            "spec.artifacts.mirror",
            i -> i.set("/spec/artifacts/mirror", "http://mirror.example:8080")),
        bad(
            "spec.artifacts.aptRepository",
            i ->
                i.set("/spec/artifacts/aptRepository", "http://apt.mirror.example")
                    .set("/spec/artifacts/aptKeyFingerprint", KEY)),
        bad(
            "spec.artifacts.aptKeyFingerprint",
            i ->
                i.set("/spec/artifacts/aptRepository", "https://apt.mirror.example")
                    .remove("/spec/artifacts/aptKeyFingerprint")),
        bad(
            "spec.artifacts.aptKeyFingerprint",
            i -> i.set("/spec/artifacts/aptKeyFingerprint", KEY.toLowerCase())),
        bad(
            "spec.artifacts.aptKeyFingerprint",
            i -> i.set("/spec/artifacts/aptKeyFingerprint", KEY.substring(8))),
        bad(
            "spec.artifacts.aptKeyFingerprint",
            i -> i.set("/spec/artifacts/aptKeyFingerprint", KEY + "' ]; reboot; [ '")),
        bad(
            "spec.artifacts.checksums[../evil.tgz]",
            i -> i.set("/spec/artifacts/checksums", Map.of("../evil.tgz", SHA))),
        bad(
            "spec.artifacts.checksums[runc.amd64]",
            i -> i.set("/spec/artifacts/checksums", Map.of("runc.amd64", SHA.toUpperCase()))),
        bad(
            "spec.artifacts.checksums[runc.amd64]",
            i -> i.set("/spec/artifacts/checksums", Map.of("runc.amd64", "abc"))));
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("badInventories")
  void badValueIsReportedAtItsPath(String expectedPath, UnaryOperator<RunbookInventory> change) {
    List<Problem> problems = change.apply(RunbookInventory.load()).loaded().problems();
    assertTrue(
        problems.stream().anyMatch(p -> p.path().equals(expectedPath)),
        () -> "expected a problem at " + expectedPath + ", got " + problems);
    assertTrue(
        problems.stream().allMatch(p -> p.fix() != null && !p.fix().isBlank()),
        () -> "every problem says how to fix it: " + problems);
  }

  @Test
  void duplicateAddressNamesTheHostThatHasIt() {
    List<Problem> problems =
        RunbookInventory.load().set("/spec/hosts/3/address", "192.168.2.12").loaded().problems();
    assertEquals(
        List.of(
            new Problem(
                "spec.hosts[3].address",
                "192.168.2.12 is used twice",
                "use a unique IPv4 address; kube-master-2 already has 192.168.2.12")),
        problems);
  }

  @Test
  void tooSmallPodSubnetSuggestsARangeThatFits() {
    // The runbook's 6 nodes need 6 node ranges (/24 each); a /22 holds 4, a /21 holds 8.
    List<Problem> problems =
        RunbookInventory.load()
            .set("/spec/kubernetes/podSubnet", "10.244.0.0/22")
            .loaded()
            .problems();
    assertEquals(
        List.of(
            new Problem(
                "spec.kubernetes.podSubnet",
                "10.244.0.0/22 holds 4 node ranges (/24 each) for 6 nodes",
                "use a larger range, e.g. 10.244.0.0/21")),
        problems);
  }

  @Test
  void missingHostsAreOneProblemNotAVipWithoutLoadBalancersToo() {
    assertEquals(
        List.of("spec.hosts"),
        RunbookInventory.load().set("/spec/hosts", List.of()).loaded().problems().stream()
            .map(Problem::path)
            .toList());
  }

  @Test
  void plainHttpNeedsInsecureNamingTheFieldAndTheFix() {
    assertEquals(
        List.of(
            new Problem(
                "spec.artifacts.mirror",
                "\"http://198.18.0.1:8080\" is plain HTTP, which anyone on the way can change",
                "use an https:// URL, or set spec.artifacts.insecure: true to allow http://"
                    + " (the apt key is still checked by its fingerprint, releases by SHA-256)")),
        RunbookInventory.load()
            .set("/spec/artifacts/mirror", "http://198.18.0.1:8080")
            .loaded()
            .problems());
  }

  @Test
  void aMirrorOfTheAptRepositoryMustNameItsKey() {
    List<Problem> problems =
        RunbookInventory.load()
            .set("/spec/artifacts/aptRepository", "https://apt.mirror.example")
            .remove("/spec/artifacts/aptKeyFingerprint")
            .loaded()
            .problems();
    assertEquals(1, problems.size(), problems::toString);
    Problem p = problems.get(0);
    assertEquals("spec.artifacts.aptKeyFingerprint", p.path());
    assertEquals(
        "is missing: kubeha knows only pkgs.k8s.io's key, and aptRepository is"
            + " \"https://apt.mirror.example\"",
        p.message());
    assertTrue(p.fix().contains("gpg --show-keys --with-colons"), p.fix());
    assertTrue(p.fix().endsWith(ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT), p.fix());
  }

  @Test
  void pkgsK8sIoNeedsNoFingerprintAndGetsItsOwn() {
    LoadResult loaded =
        RunbookInventory.load().remove("/spec/artifacts/aptKeyFingerprint").loaded();
    assertEquals(List.of(), loaded.problems());
    assertEquals(
        ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT,
        loaded.inventory().spec().artifacts().aptKeyFingerprint());
    assertEquals(false, loaded.inventory().spec().artifacts().insecure());
  }

  @Test
  void aFingerprintWithSpacesIsShownAsGpgPrintsIt() {
    String spaced = "E1E5 6BF1 7BED AB23 831C  2698 CEDB 7EF1 B91D 461C";
    assertEquals(
        List.of(
            new Problem(
                "spec.artifacts.aptKeyFingerprint",
                "\"" + spaced + "\" is not an OpenPGP key fingerprint",
                "write it as gpg --with-colons prints it: " + KEY)),
        RunbookInventory.load()
            .set("/spec/artifacts/aptKeyFingerprint", spaced)
            .loaded()
            .problems());
  }

  @Test
  void goodVariationsHaveNoProblems() {
    assertEquals(
        List.of(),
        RunbookInventory.load()
            .remove("/spec/hosts/7")
            .remove("/spec/hosts/6")
            .remove("/spec/controlPlaneEndpoint/vip")
            .loaded()
            .problems(),
        "no load balancers: the first master is the endpoint");
    assertEquals(
        List.of(),
        RunbookInventory.load()
            .set("/spec/artifacts/mirror", "http://198.18.0.1:8080")
            .set("/spec/artifacts/aptRepository", "http://198.18.0.1:8080/apt")
            .set("/spec/artifacts/aptKeyFingerprint", KEY)
            .set("/spec/artifacts/insecure", true)
            .set("/spec/artifacts/checksums", Map.of("containerd-2.0.4-linux-amd64.tar.gz", SHA))
            .loaded()
            .problems(),
        "the lab's: plain HTTP allowed, its own key");
    assertEquals(
        List.of(),
        RunbookInventory.load()
            .set("/spec/artifacts/aptRepository", "https://apt.mirror.example/k8s")
            .set("/spec/artifacts/aptKeyFingerprint", KEY)
            .loaded()
            .problems(),
        "a mirror over https with its key");
    assertEquals(
        List.of(),
        RunbookInventory.load().set("/spec/ntp/upstream", List.of()).loaded().problems(),
        "the server may serve its own clock");
    RunbookInventory netplan = RunbookInventory.load().set("/spec/options/netplan", true);
    for (int i = 0; i < 8; i++) {
      netplan.set(
          "/spec/hosts/" + i + "/network",
          Map.of(
              "interfaceName",
              "enp1s0",
              "prefixLength",
              24,
              "gateway",
              "192.168.2.1",
              "nameservers",
              List.of("192.168.2.1", "223.5.5.5")));
    }
    assertEquals(List.of(), netplan.loaded().problems(), "the runbook's netplan settings");
    assertEquals(
        List.of(),
        RunbookInventory.load()
            .set("/spec/containerRuntime/pauseImage", "mirror.example:5000/k8s/pause@sha256:" + SHA)
            .loaded()
            .problems());
  }

  @Test
  void validatorAppliesDefaultsToAnInventoryBuiltInCode() {
    HostSpec master = new HostSpec("m1", "198.18.0.11", List.of("control-plane"), null, null);
    HostSpec worker = new HostSpec("w1", "198.18.0.21", List.of("worker"), null, null);
    Inventory inv =
        new Inventory(
            Inventory.API_VERSION,
            Inventory.KIND,
            new Metadata("lab"),
            new ClusterSpec(null, List.of(master, worker), null, null, null, null, null, null));
    assertEquals(List.of(), InventoryValidator.validate(inv));
  }

  private static Arguments bad(String path, UnaryOperator<RunbookInventory> change) {
    return Arguments.of(path, change);
  }
}
