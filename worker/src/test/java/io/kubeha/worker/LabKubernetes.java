package io.kubeha.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.lab.Lab;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Asks the lab's real cluster, from the operator's side as a user would: the real kubectl with the
 * admin.conf kubeha fetched (its server is VIP:port), the real etcdctl against a master's etcd, and
 * each master's apiserver certificate. Never kubeha's own report.
 */
public final class LabKubernetes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 60;

  private final Lab lab;
  private final Inventory inventory;
  private final Path adminConf;
  private final Path bin;

  public LabKubernetes(Lab lab, Inventory inventory, Path adminConf) {
    this.lab = lab;
    this.inventory = inventory;
    this.adminConf = adminConf;
    String cache =
        System.getenv()
            .getOrDefault(
                "KUBEHA_K8S_CACHE", System.getProperty("user.home") + "/.cache/kubeha/kubernetes");
    this.bin = Path.of(cache, "v" + inventory.spec().kubernetes().version(), "bin");
  }

  /** A real kubectl call with the operator's admin.conf; throws when it fails. */
  public String kubectl(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                bin.resolve("kubectl").toString(),
                "--kubeconfig",
                adminConf.toString(),
                "--request-timeout=20s"));
    command.addAll(List.of(args));
    return run(command);
  }

  /**
   * The descriptions of the cluster's bootstrap tokens (the Secrets' own, decoded), except kubeadm
   * upload-certs' proxy, which only bounds the kubeadm-certs Secret's life to 2 h.
   */
  public List<String> bootstrapTokens() {
    String listed =
        kubectl(
            "-n",
            "kube-system",
            "get",
            "secrets",
            "--field-selector",
            "type=bootstrap.kubernetes.io/token",
            "-o",
            "jsonpath={range .items[*]}{.metadata.name}={.data.description}{\"\\n\"}{end}");
    List<String> out = new ArrayList<>();
    for (String line : listed.strip().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("=", 2);
      String description =
          new String(
              java.util.Base64.getDecoder().decode(f[1]), java.nio.charset.StandardCharsets.UTF_8);
      if (!description.equals("Proxy for managing TTL for the kubeadm-certs secret")) {
        out.add(f[0] + ": " + description);
      }
    }
    return out;
  }

  /**
   * The real etcdutl of the release, on this machine (it reads snapshot files); throws when it
   * fails.
   */
  public String etcdutl(String... args) {
    List<String> command = new ArrayList<>(List.of(bin.resolve("etcdutl").toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  /** Every node by name: "Ready vX.Y.Z" or "NotReady vX.Y.Z". */
  public Map<String, String> nodes() {
    Map<String, String> nodes = new TreeMap<>();
    for (JsonNode n : read(kubectl("get", "nodes", "-o", "json")).path("items")) {
      boolean ready = false;
      for (JsonNode c : n.path("status").path("conditions")) {
        ready |=
            c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True");
      }
      nodes.put(
          n.path("metadata").path("name").asText(),
          (ready ? "Ready " : "NotReady ")
              + n.path("status").path("nodeInfo").path("kubeletVersion").asText());
    }
    return nodes;
  }

  /**
   * etcd's members by name, "started" or "unstarted", from the real etcdctl against the first
   * master's etcd.
   */
  public Map<String, String> etcdMembers() {
    HostSpec master = inventory.firstControlPlane();
    Path pki = hostFile(master.name(), "etc/kubernetes/pki/etcd");
    String out =
        run(
            List.of(
                bin.resolve("etcdctl").toString(),
                "--endpoints",
                "https://" + master.address() + ":2379",
                "--cacert",
                pki.resolve("ca.crt").toString(),
                "--cert",
                pki.resolve("healthcheck-client.crt").toString(),
                "--key",
                pki.resolve("healthcheck-client.key").toString(),
                "--command-timeout=15s",
                "member",
                "list",
                "-w",
                "json"));
    Map<String, String> members = new TreeMap<>();
    for (JsonNode m : read(out).path("members")) {
      String name = m.path("name").asText("");
      members.put(
          name.isEmpty() ? "(unnamed " + m.path("ID").asText() + ")" : name,
          name.isEmpty() ? "unstarted" : "started");
    }
    return members;
  }

  /** /readyz through the endpoint (admin.conf's server) and through each master's own address. */
  public Map<String, String> readyz() {
    Map<String, String> answers = new TreeMap<>();
    answers.put("endpoint " + inventory.controlPlaneEndpoint(), quiet("get", "--raw", "/readyz"));
    for (HostSpec m : inventory.controlPlanes()) {
      answers.put(
          m.name(),
          quiet("--server", "https://" + m.address() + ":6443", "get", "--raw", "/readyz"));
    }
    return answers;
  }

  /**
   * "ok" once /readyz answers through the endpoint, or the last error after within: an API server
   * restarted by the operation may still run its post-start hooks when the operation ends.
   */
  public String readyzWithin(java.time.Duration within) throws InterruptedException {
    java.time.Instant deadline = java.time.Instant.now().plus(within);
    String last = "";
    while (java.time.Instant.now().isBefore(deadline)) {
      try {
        return kubectl("get", "--raw", "/readyz").strip();
      } catch (RuntimeException e) {
        last = e.getMessage();
      }
      Thread.sleep(200); // polling interval of a wait with a deadline
    }
    return last;
  }

  /** The IP addresses in a master's apiserver serving certificate. */
  public List<String> apiserverSans(String master) {
    try (InputStream in =
        Files.newInputStream(hostFile(master, "etc/kubernetes/pki/apiserver.crt"))) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      List<String> ips = new ArrayList<>();
      for (List<?> san : cert.getSubjectAlternativeNames()) {
        if (Integer.valueOf(7).equals(san.get(0))) {
          ips.add(String.valueOf(san.get(1)));
        }
      }
      return ips;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * NotAfter of a certificate file on a host (a path under its root, e.g.
   * etc/kubernetes/pki/apiserver.crt).
   */
  public java.time.Instant notAfter(String host, String path) {
    try (InputStream in = Files.newInputStream(hostFile(host, path))) {
      return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
          .getNotAfter()
          .toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * NotAfter of the certificate a master's kube-apiserver serves on :6443 now (what the running
   * process loaded).
   */
  public java.time.Instant servedNotAfter(String master) {
    String address = inventory.host(master).orElseThrow().address();
    try {
      javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
      tls.init(
          null,
          new javax.net.ssl.TrustManager[] {
            new javax.net.ssl.X509TrustManager() {
              // Only reads the served certificate: no request is sent.
              @Override
              public void checkClientTrusted(X509Certificate[] chain, String type) {}

              @Override
              public void checkServerTrusted(X509Certificate[] chain, String type) {}

              @Override
              public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
              }
            }
          },
          null);
      try (javax.net.ssl.SSLSocket socket =
          (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket()) {
        socket.connect(new java.net.InetSocketAddress(address, 6443), 5000);
        socket.setSoTimeout(5000);
        socket.startHandshake();
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
            .getNotAfter()
            .toInstant();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What is wrong with the cluster, seen through the real tools; empty when it is what the
   * inventory asks for.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    String want = "Ready v" + inventory.spec().kubernetes().version();
    try {
      Map<String, String> nodes = nodes();
      for (HostSpec h : inventory.nodes()) {
        if (!want.equals(nodes.get(h.name()))) {
          problems.add(
              "node "
                  + h.name()
                  + ": "
                  + nodes.getOrDefault(h.name(), "not registered")
                  + ", want "
                  + want);
        }
      }
      Map<String, String> members = etcdMembers();
      Map<String, String> wantMembers = new TreeMap<>();
      inventory.controlPlanes().forEach(m -> wantMembers.put(m.name(), "started"));
      if (!members.equals(wantMembers)) {
        problems.add("etcd members " + members + ", want " + wantMembers);
      }
      readyz()
          .forEach(
              (where, answer) -> {
                if (!answer.equals("ok")) {
                  problems.add("/readyz through " + where + ": " + answer);
                }
              });
      String vip = inventory.spec().controlPlaneEndpoint().vip();
      for (HostSpec m : inventory.controlPlanes()) {
        List<String> sans = apiserverSans(m.name());
        for (String ip : vip == null ? List.of(m.address()) : List.of(vip, m.address())) {
          if (!sans.contains(ip)) {
            problems.add(
                m.name() + ": apiserver certificate without " + ip + " in its SANs " + sans);
          }
        }
      }
      quiet("-n", "kube-system", "get", "daemonset", "calico-node", "-o", "name");
    } catch (RuntimeException e) {
      problems.add(e.getMessage());
    }
    return problems;
  }

  private String quiet(String... args) {
    try {
      return kubectl(args).trim();
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  private Path hostFile(String host, String path) {
    return lab.dir().resolve(Path.of("hosts", host, "upper")).resolve(path);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " timed out");
      }
      byte[] err = p.getErrorStream().readAllBytes();
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            Path.of(command.get(0)).getFileName()
                + " "
                + String.join(" ", command.subList(3, command.size()))
                + ": exit "
                + p.exitValue()
                + ": "
                + new String(err, StandardCharsets.UTF_8).trim());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
