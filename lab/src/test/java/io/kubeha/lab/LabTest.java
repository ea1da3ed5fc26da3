package io.kubeha.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One lab (1 master, 1 worker, 2 LBs) shared by the tests that the lab's issue lists. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabTest {

  static final String MASTER = "kube-master-1";
  static final String WORKER = "kube-worker-1";
  static final String LB_A = "ha-lb-a";
  static final String LB_B = "ha-lb-b";
  static final String VIP = "198.18.0.250";
  static final String MIRROR = "http://198.18.0.1:18080";
  static final Duration FAILOVER = Duration.ofSeconds(15);

  static MachineSnapshot before;
  static Lab lab;

  @BeforeAll
  static void up() {
    before = MachineSnapshot.take();
    lab = Lab.up(1, 1, 2);
  }

  @AfterAll
  static void downAndMachineUntouched() {
    if (lab != null) {
      lab.down();
    }
    MachineSnapshot after = MachineSnapshot.take();
    assertEquals(before.hosts(), after.hosts(), "/etc/hosts changed");
    assertEquals(before.fstab(), after.fstab(), "/etc/fstab changed");
    long drift = Math.abs(after.clockOffsetMillis() - before.clockOffsetMillis());
    assertTrue(drift < 1000, "the machine's clock moved by " + drift + " ms");
  }

  @Test
  @Order(1)
  void eachHostIsIsolatedAndLooksLikeUbuntu() {
    assertEquals(0, lab.exec(MASTER, "sh", "-c", "echo probe > /etc/kubeha-lab-probe").exitCode());
    assertEquals("probe", lab.exec(MASTER, "cat", "/etc/kubeha-lab-probe").out());
    assertNotEquals(0, lab.exec(WORKER, "cat", "/etc/kubeha-lab-probe").exitCode());
    assertFalse(Files.exists(Path.of("/etc/kubeha-lab-probe")), "a host wrote the machine's /etc");
    assertEquals("24.04", lab.exec(WORKER, "sh", "-c", ". /etc/os-release && echo $VERSION_ID").out());
    String uuidA = lab.exec(MASTER, "cat", "/sys/class/dmi/id/product_uuid").out();
    String uuidB = lab.exec(WORKER, "cat", "/sys/class/dmi/id/product_uuid").out();
    assertEquals(36, uuidA.length());
    assertNotEquals(uuidA, uuidB);
    assertNotEquals(
        lab.exec(MASTER, "cat", "/sys/class/net/eth0/address").out(),
        lab.exec(WORKER, "cat", "/sys/class/net/eth0/address").out());
    assertEquals("", lab.exec(WORKER, "ip", "route", "show", "default").out(), "a default route");
    assertNotEquals(0, lab.exec(WORKER, "sysctl", "-w", "vm.swappiness=10").exitCode());
    assertEquals(0, lab.exec(WORKER, "sysctl", "-w", "net.ipv4.ip_forward=1").exitCode());
  }

  @Test
  @Order(2)
  void sshChecksHostKeysAndSudoWorks() throws IOException {
    ExecResult ok =
        Ssh.run(lab.privateKey(), lab.knownHosts(), "kubeha", lab.address(WORKER), "sudo -n id -u; hostname");
    assertEquals("0\n" + WORKER, ok.out(), ok.stdout());
    ExecResult root = Ssh.run(lab.privateKey(), lab.knownHosts(), "root", lab.address(MASTER), "hostname");
    assertEquals(MASTER, root.out(), root.stdout());
    Path empty = Files.createTempFile("kubeha-lab", "known_hosts");
    try {
      ExecResult unknown = Ssh.run(lab.privateKey(), empty, "kubeha", lab.address(WORKER), "true");
      assertEquals(255, unknown.exitCode(), unknown.stdout());
      assertTrue(unknown.stdout().contains("Host key verification failed"), unknown.stdout());
    } finally {
      Files.delete(empty);
    }
    ExecResult caps = Ssh.run(lab.privateKey(), lab.knownHosts(), "root", lab.address(WORKER),
        "grep CapBnd /proc/1/status");
    long bounding = Long.parseLong(caps.out().split("\\s+")[1], 16);
    assertEquals(0, bounding & (1L << 25), "CAP_SYS_TIME in the host's bounding set");
    assertEquals(0, bounding & (1L << 16), "CAP_SYS_MODULE in the host's bounding set");
  }

  @Test
  @Order(3)
  void chronyClientSelectsTheLabNtpServer() {
    String server = lab.address(LB_A);
    String serverConf = "local stratum 8\\nallow 198.18.0.0/24\\nbindaddress " + server + "\\n";
    assertEquals(0, lab.exec(LB_A, "sh", "-c", "printf '" + serverConf + "' > /etc/chrony/chrony.conf"
        + " && systemctl unmask chrony && systemctl enable --now chrony").exitCode());
    String clientConf = "server " + server + " iburst minpoll 0 maxpoll 2\\n";
    assertEquals(0, lab.exec(WORKER, "sh", "-c", "printf '" + clientConf + "' > /etc/chrony/chrony.conf"
        + " && systemctl unmask chrony && systemctl enable --now chrony").exitCode());
    Await.until(Duration.ofSeconds(20), "the worker's chrony selects " + server,
        () -> lab.exec(WORKER, "chronyc", "-n", "sources").stdout().contains("^* " + server));
    String cmdline = lab.exec(WORKER, "sh", "-c", "tr '\\0' ' ' < /proc/$(pgrep -o chronyd)/cmdline").out();
    assertTrue(cmdline.contains("-x"), "chronyd runs without -x: " + cmdline);
  }

  @Test
  @Order(4)
  void vrrpFailsOverBetweenTheLoadBalancers() {
    assertEquals(0, lab.exec(LB_A, "bash", "-c", resource("lb.sh"), "_", "100", lab.address(MASTER), VIP).exitCode());
    assertEquals(0, lab.exec(LB_B, "bash", "-c", resource("lb.sh"), "_", "98", lab.address(MASTER), VIP).exitCode());
    Await.until(FAILOVER, "VIP on " + LB_A, () -> holdsVip(LB_A) && !holdsVip(LB_B));
    assertEquals(0, lab.exec(LB_A, "systemctl", "stop", "keepalived").exitCode());
    Await.until(FAILOVER, "VIP moves to " + LB_B, () -> holdsVip(LB_B) && !holdsVip(LB_A));
    assertEquals(0, lab.exec(LB_A, "systemctl", "start", "keepalived").exitCode());
    Await.until(FAILOVER, "VIP back on " + LB_A, () -> holdsVip(LB_A) && !holdsVip(LB_B));
  }

  @Test
  @Order(5)
  void aptInstallsAndHoldsKubeadmFromTheLabRepository() {
    for (String host : List.of(MASTER, WORKER)) {
      ExecResult prep = lab.exec(host, "bash", "-c", resource("node-prep.sh"), "_", MIRROR);
      assertEquals(0, prep.exitCode(), host + ": " + prep.stdout() + prep.stderr());
      assertTrue(lab.exec(host, "apt-mark", "showhold").stdout().contains("kubeadm"));
      assertEquals("v1.32.0", lab.exec(host, "kubeadm", "version", "-o", "short").out());
      assertEquals("active", lab.exec(host, "systemctl", "is-active", "containerd").out());
    }
  }

  @Test
  @Order(6)
  void kubeadmInitsOnceAndRefusesASecondInit() {
    String config = "apiVersion: kubeadm.k8s.io/v1beta4\\nkind: InitConfiguration\\n"
        + "localAPIEndpoint: {advertiseAddress: " + lab.address(MASTER) + "}\\n"
        + "nodeRegistration: {name: " + MASTER + "}\\n---\\n"
        + "apiVersion: kubeadm.k8s.io/v1beta4\\nkind: ClusterConfiguration\\n"
        + "controlPlaneEndpoint: " + VIP + ":16443\\nnetworking: {podSubnet: 10.244.0.0/16}\\n";
    lab.exec(MASTER, "sh", "-c", "printf '" + config + "' > /root/kubeadm.yaml");
    ExecResult init = lab.exec(MASTER, "kubeadm", "init", "--config", "/root/kubeadm.yaml", "--upload-certs");
    assertEquals(0, init.exitCode(), init.stdout() + init.stderr());
    assertTrue(init.stdout().contains("Your Kubernetes control-plane has initialized successfully!"));
    assertTrue(lab.exec(MASTER, "cat", "/etc/kubernetes/admin.conf").stdout()
        .contains("server: https://" + VIP + ":16443"));
    ExecResult again = lab.exec(MASTER, "kubeadm", "init", "--config", "/root/kubeadm.yaml", "--upload-certs");
    assertEquals(1, again.exitCode());
    assertTrue(again.stderr().contains(
        "[ERROR FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml]: "
            + "/etc/kubernetes/manifests/kube-apiserver.yaml already exists"), again.stderr());
  }

  @Test
  @Order(7)
  void workerJoinsThroughTheVipAndTurnsReadyWithACni() {
    String join = lab.exec(MASTER, "kubeadm", "token", "create", "--print-join-command").out();
    assertTrue(join.startsWith("kubeadm join " + VIP + ":16443 --token "), join);
    ExecResult joined = lab.exec(WORKER, "sh", "-c", join);
    assertEquals(0, joined.exitCode(), joined.stdout() + joined.stderr());
    assertTrue(lab.exec(WORKER, "cat", "/etc/kubernetes/kubelet.conf").stdout().contains(VIP + ":16443"));
    String nodes = lab.exec(MASTER, "kubectl", "get", "nodes", "--no-headers").stdout();
    assertTrue(nodes.contains(WORKER) && nodes.contains("NotReady"), nodes);
    ExecResult second = lab.exec(WORKER, "sh", "-c", join);
    assertEquals(1, second.exitCode());
    assertTrue(second.stderr().contains("[ERROR FileAvailable--etc-kubernetes-kubelet.conf]"), second.stderr());
    String cni = "curl -fsS " + MIRROR + "/projectcalico/calico/archive/v3.29.3.tar.gz"
        + " | tar xzO calico-3.29.3/manifests/calico.yaml | kubectl apply -f -";
    assertEquals(0, lab.exec(MASTER, "sh", "-c", cni).exitCode());
    ExecResult ready = lab.exec(MASTER, "kubectl", "wait", "--for=condition=Ready", "node", "--all", "--timeout=30s");
    assertEquals(0, ready.exitCode(), ready.stderr());
    assertTrue(ready.stdout().contains("node/" + WORKER + " condition met"));
  }

  @Test
  @Order(8)
  void callLogsRecordEachStandInCall() {
    List<String> master = lab.callLog(MASTER);
    assertEquals(2, master.stream().filter(l -> l.contains("\tkubeadm\tinit --config")).count(), master.toString());
    assertTrue(master.stream().anyMatch(l -> l.contains("\tkubeadm\tinit --config") && exitOf(l).equals("1")));
    List<String> worker = lab.callLog(WORKER);
    List<String> joins = worker.stream().filter(l -> l.contains("\tkubeadm\tjoin ")).toList();
    assertEquals(2, joins.size(), worker.toString());
    assertTrue(exitOf(joins.get(0)).equals("0") && exitOf(joins.get(1)).equals("1"), joins.toString());
    assertTrue(worker.stream().allMatch(l -> l.split("\t")[4].matches("\\d+")), "a 5th column, duration in ms: " + worker);
    assertTrue(joins.get(0).contains("--token REDACTED"), "a join token reached the call log");
    assertTrue(worker.stream().anyMatch(l -> l.contains("\tmodprobe\toverlay\t0")));
  }

  /** The exit column (4th) of a call-log line; the 5th is the duration in ms. */
  private static String exitOf(String line) {
    return line.split("\t")[3];
  }

  @Test
  @Order(9)
  void joinsWithAnExpiredTokenOrCertificateKeyOrNoKeyAreRefused() throws IOException {
    assertEquals(0, lab.exec(WORKER, "kubeadm", "reset", "-f").exitCode());
    String join = lab.exec(MASTER, "kubeadm", "token", "create", "--print-join-command", "--ttl", "1s").out();
    String tokenId = join.split("--token ")[1].split("\\.")[0];
    Await.until(Duration.ofSeconds(10), "token " + tokenId + " expires",
        () -> !lab.exec(WORKER, "curl", "-ksS", "https://" + VIP + ":16443/api/v1/namespaces/kube-public/configmaps/cluster-info")
            .stdout().contains("jws-kubeconfig-" + tokenId));
    ExecResult expired = lab.exec(WORKER, "sh", "-c", join);
    assertEquals(1, expired.exitCode());
    assertTrue(expired.stderr().contains("could not find a JWS signature"), expired.stderr());

    String fresh = lab.exec(MASTER, "kubeadm", "token", "create", "--print-join-command").out();
    ExecResult noKey = lab.exec(WORKER, "sh", "-c", fresh + " --control-plane");
    assertEquals(1, noKey.exitCode());
    assertTrue(noKey.stderr().contains("conditions for hosting a new control plane instance is not satisfied"));

    Files.writeString(lab.dir().resolve("cluster/knobs.json"), "{\"certificateKeyTtlSeconds\": 0.5}");
    String key = lab.exec(MASTER, "sh", "-c", "kubeadm init phase upload-certs --upload-certs | tail -1").out();
    double expires = certificateKeyExpiry();
    Await.until(Duration.ofSeconds(5), "certificate key expires", () -> System.currentTimeMillis() / 1000.0 > expires);
    ExecResult oldKey = lab.exec(WORKER, "sh", "-c", fresh + " --control-plane --certificate-key " + key);
    assertEquals(1, oldKey.exitCode());
    assertTrue(oldKey.stderr().contains("Secret \"kubeadm-certs\" was not found"), oldKey.stderr());
  }

  @Test
  @Order(10)
  void rekeyIsNoticedByStrictHostKeyChecking() {
    lab.rekey(LB_B);
    ExecResult changed = Ssh.run(lab.privateKey(), lab.knownHosts(), "kubeha", lab.address(LB_B), "true");
    assertEquals(255, changed.exitCode());
    assertTrue(changed.stdout().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), changed.stdout());
  }

  private static double certificateKeyExpiry() throws IOException {
    String state = Files.readString(lab.dir().resolve("cluster/state.json"));
    Matcher m = Pattern.compile("\"certificateKey\":.*?\"expires\": ([0-9.]+)", Pattern.DOTALL).matcher(state);
    assertTrue(m.find(), "no certificate key in the cluster store");
    return Double.parseDouble(m.group(1));
  }

  private static boolean holdsVip(String host) {
    return lab.exec(host, "ip", "-4", "addr", "show", "eth0").stdout().contains(VIP + "/");
  }

  private static String resource(String name) {
    try (InputStream in = LabTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
