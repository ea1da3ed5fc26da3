package io.kubeha.inventory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** spec.hosts[i]: name, address and roles of each host, and that names and addresses are unique. */
final class HostRules {
  private static final List<String> ROLE_IDS = Arrays.stream(Role.values()).map(Role::id).toList();

  /** Past this, plan and history sizes are untested (bench/simulate measured 500). */
  static final int MAX_HOSTS = 1000;

  /**
   * Names every node's /etc/hosts must not take over: loopback's, and those the cluster itself
   * resolves (its API, its registries, its package and release sources).
   */
  private static final Set<String> RESERVED =
      Set.of(
          "localhost",
          "localhost.localdomain",
          "ip6-localhost",
          "ip6-loopback",
          "kubernetes",
          "registry.k8s.io",
          "pkgs.k8s.io",
          "docker.io",
          "registry-1.docker.io",
          "quay.io",
          "ghcr.io",
          "github.com",
          "objects.githubusercontent.com");

  private HostRules() {}

  static void check(ClusterSpec spec, Problems p) {
    List<HostSpec> hosts = spec.hosts();
    if (hosts == null || hosts.isEmpty()) {
      p.add(
          "spec.hosts",
          "is required",
          "list the machines, e.g. - {name: kube-master-1, address: 192.168.2.11, roles: [control-plane]}");
      return;
    }
    if (hosts.size() > MAX_HOSTS) {
      p.add(
          "spec.hosts",
          "lists " + hosts.size() + " hosts, more than kubeha's " + MAX_HOSTS,
          "split the machines into clusters of at most " + MAX_HOSTS + " hosts");
      return;
    }
    String dnsDomain =
        spec.kubernetes() == null || spec.kubernetes().dnsDomain() == null
            ? KubernetesSpec.DEFAULT_DNS_DOMAIN
            : spec.kubernetes().dnsDomain();
    Map<String, String> names = new HashMap<>();
    Map<Long, String> addresses = new HashMap<>();
    for (int i = 0; i < hosts.size(); i++) {
      HostSpec h = hosts.get(i);
      String path = "spec.hosts[" + i + "]";
      if (h == null) {
        p.add(path, "is empty", "fill in the entry or remove its '-' line");
        continue;
      }
      name(h, path + ".name", names, p);
      reserved(h.name(), dnsDomain, path + ".name", p);
      address(h, path + ".address", addresses, p);
      roles(h, path + ".roles", p);
      if (h.ssh() != null) {
        SshRules.check(h.ssh(), path + ".ssh", p);
      }
    }
  }

  private static void name(HostSpec h, String path, Map<String, String> seen, Problems p) {
    if (!Checks.required(p, path, h.name(), "give the host its hostname, e.g. kube-master-1")) {
      return;
    }
    if (!Syntax.hostname(h.name())) {
      p.add(
          path,
          Checks.quote(h.name()) + " is not a valid hostname",
          "use letters, digits and '-' (dots between labels), at most "
              + Syntax.MAX_HOSTNAME
              + " characters, e.g. kube-master-1");
      return;
    }
    if (h.isNode() && !Syntax.matches(Syntax.NODE_NAME, h.name())) {
      p.add(
          path,
          Checks.quote(h.name()) + " is not a valid Kubernetes node name",
          "use lowercase, e.g. "
              + h.name().toLowerCase()
              + " (control-plane and worker names become node names)");
    }
    String other = seen.putIfAbsent(h.name().toLowerCase(), h.name());
    if (other != null) {
      p.add(
          path,
          Checks.quote(h.name()) + " is used twice (hostnames ignore case)",
          "give each host its own name; " + other + " is taken");
    }
  }

  /**
   * A host's name goes into every node's /etc/hosts: it must not shadow loopback or a name the
   * cluster resolves.
   */
  private static void reserved(String name, String dnsDomain, String path, Problems p) {
    if (name == null) {
      return;
    }
    String lower = name.toLowerCase();
    String domain = "." + dnsDomain.toLowerCase();
    if (RESERVED.contains(lower)
        || lower.startsWith("localhost.")
        || lower.endsWith(domain)
        || lower.endsWith(".svc")) {
      p.add(
          path,
          Checks.quote(name)
              + " is a name the nodes resolve otherwise (it would go into every"
              + " node's /etc/hosts)",
          "give the host a name of its own, e.g. kube-master-1");
    }
  }

  private static void address(HostSpec h, String path, Map<Long, String> seen, Problems p) {
    if (!Checks.required(p, path, h.address(), "give the host's IPv4 address, e.g. 192.168.2.11")) {
      return;
    }
    var parsed = Ipv4.parse(h.address());
    if (parsed.isEmpty()) {
      p.add(
          path,
          Checks.quote(h.address()) + " is not an IPv4 address",
          "write four decimal numbers 0-255 without leading zeros, e.g. 192.168.2.11 (no hostnames)");
      return;
    }
    String unusable = Ipv4.unusableReason(parsed.getAsLong());
    if (unusable != null) {
      p.add(
          path,
          h.address() + " " + unusable,
          "use the address the host has on the cluster network");
    }
    String other = seen.putIfAbsent(parsed.getAsLong(), String.valueOf(h.name()));
    if (other != null) {
      p.add(
          path,
          h.address() + " is used twice",
          "use a unique IPv4 address; " + other + " already has " + h.address());
    }
  }

  private static void roles(HostSpec h, String path, Problems p) {
    if (h.roles() == null || h.roles().isEmpty()) {
      p.add(path, "is required", "give at least one of " + String.join(", ", ROLE_IDS));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < h.roles().size(); j++) {
      String role = h.roles().get(j);
      if (role == null) {
        continue;
      }
      if (Role.parse(role).isEmpty()) {
        String fix =
            Suggestions.closest(role, ROLE_IDS)
                .map(s -> "did you mean " + s + "?")
                .orElse("use one of " + String.join(", ", ROLE_IDS));
        p.add(path + "[" + j + "]", Checks.quote(role) + " is not a role", fix);
      } else if (!seen.add(role)) {
        p.add(path + "[" + j + "]", role + " is listed twice", "list each role once");
      }
    }
    if (h.has(Role.CONTROL_PLANE) && h.has(Role.WORKER)) {
      p.add(
          path,
          "has both control-plane and worker",
          "give the host one of them; a control plane already runs kubelet");
    }
  }
}
