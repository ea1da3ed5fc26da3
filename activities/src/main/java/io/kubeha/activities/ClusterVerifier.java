package io.kubeha.activities;

import io.kubeha.activity.SshTarget;
import io.kubeha.activity.VerifyInput;
import io.kubeha.activity.VerifyReport;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks the finished cluster from the outside, and proves failover of the VIP when asked. */
final class ClusterVerifier {
  private static final Duration QUICK = Duration.ofSeconds(30);
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration READY_WAIT = Duration.ofMinutes(3);
  private static final Duration POLL_READY = Duration.ofSeconds(2);
  private static final Duration ADDON_WAIT = Duration.ofMinutes(5);
  private static final Duration DNS_WAIT = Duration.ofMinutes(2);
  // A cluster just struck (a master rebooted, an API server restarting) answers again within this.
  static final Duration SETTLE_WAIT = Duration.ofSeconds(90);

  private final SshConnections connections;
  private final Duration settle;

  ClusterVerifier(SshConnections connections, Duration settle) {
    this.connections = connections;
    this.settle = settle;
  }

  VerifyReport run(VerifyInput input) {
    RemoteShell master = connections.shell(input.firstMaster(), Heartbeats.ofCurrentActivity());
    ClusterQueries cluster = new ClusterQueries(master);
    List<String> problems = new ArrayList<>();

    Map<String, Boolean> nodes = awaitReady(master, cluster, input.expectedNodes());
    List<String> ready =
        nodes.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    input.expectedNodes().stream()
        .filter(node -> !ready.contains(node))
        .forEach(
            node ->
                problems.add(
                    "node "
                        + node
                        + (nodes.containsKey(node) ? " is not Ready" : " is not registered")));

    List<String> members = awaitMembers(master, cluster, input.controlPlanes());
    if (!sameMembers(members, input.controlPlanes())) {
      problems.add(
          "etcd members " + members + " differ from the control planes " + input.controlPlanes());
    }

    boolean api = awaitApi(master, cluster, input);
    if (!api) {
      problems.add(
          "the API does not answer ok through " + endpoint(input) + ":" + input.endpointPort());
    }

    List<String> addons = awaitAddons(master, cluster, input.addonNamespaces());
    addons.forEach(w -> problems.add(w + " (not fully available)"));
    if (input.dnsDomain() != null) {
      String name = "kubernetes.default.svc." + input.dnsDomain();
      String dns = awaitDns(master, cluster, name);
      if (dns != null) {
        problems.add(dns);
      }
    }

    String holder = null;
    String failover = null;
    if (!input.loadBalancers().isEmpty()) {
      List<String> holders = vipHolders(input);
      if (holders.size() != 1) {
        problems.add(
            "the VIP "
                + input.vip()
                + " is held by "
                + holders
                + ", not by exactly one load balancer");
      } else {
        holder = holders.get(0);
        if (input.proveFailover()) {
          failover = proveFailover(input, holder, cluster, problems);
        }
      }
    }
    return new VerifyReport(problems.isEmpty(), ready, members, holder, api, failover, problems);
  }

  /**
   * The nodes once every expected one is Ready, or as they are after READY_WAIT: a node that joined
   * after the CNI turns Ready only when its CNI Pod has started there.
   */
  private static Map<String, Boolean> awaitReady(
      RemoteShell master, ClusterQueries cluster, List<String> expected) {
    try {
      return Polling.until(
          master.heartbeat(),
          "nodes " + expected + " Ready",
          READY_WAIT,
          POLL_READY,
          () -> {
            Map<String, Boolean> nodes = Answers.orEmpty(cluster::nodes).orElse(Map.of());
            return expected.stream().allMatch(n -> nodes.getOrDefault(n, false))
                ? Optional.of(nodes)
                : Optional.empty();
          },
          () ->
              "nodes "
                  + Answers.orEmpty(cluster::nodes)
                      .map(Object::toString)
                      .orElse("(kubectl failed)"));
    } catch (ApplicationFailure notYet) {
      return cluster.nodes(); // judged below, node by node
    }
  }

  /**
   * The namespaces' DaemonSets and Deployments not fully available, once none is or as they are
   * after ADDON_WAIT: a node that just joined starts its kube-proxy and CNI Pods, and CoreDNS its
   * replicas, only once the network is there.
   */
  private static List<String> awaitAddons(
      RemoteShell master, ClusterQueries cluster, List<String> namespaces) {
    if (namespaces.isEmpty()) {
      return List.of();
    }
    java.util.function.Supplier<Optional<List<String>>> unavailable =
        () -> {
          List<String> all = new ArrayList<>();
          for (String ns : namespaces) {
            Optional<List<String>> some = Answers.orEmpty(() -> cluster.unavailableWorkloads(ns));
            if (some.isEmpty()) {
              return Optional.empty();
            }
            all.addAll(some.get());
          }
          return Optional.of(all);
        };
    try {
      return Polling.until(
          master.heartbeat(),
          "the add-ons in " + namespaces + " fully available",
          ADDON_WAIT,
          POLL_READY,
          () -> unavailable.get().filter(List::isEmpty),
          () ->
              "unavailable " + unavailable.get().map(Object::toString).orElse("(kubectl failed)"));
    } catch (ApplicationFailure notYet) {
      return unavailable.get().orElse(List.of("the add-ons (kubectl failed)"));
    }
  }

  /**
   * Null once cluster DNS answers name, else what went wrong after DNS_WAIT: CoreDNS may answer
   * only a little after its Deployment counts as available.
   */
  private static String awaitDns(RemoteShell master, ClusterQueries cluster, String name) {
    Optional<String> address =
        Answers.orEmpty(cluster::clusterDnsAddress).filter(a -> !a.isEmpty());
    if (address.isEmpty()) {
      return "cluster DNS: no kube-system/kube-dns Service address";
    }
    try {
      Polling.until(
          master.heartbeat(),
          "cluster DNS at " + address.get() + " to answer " + name,
          DNS_WAIT,
          POLL_READY,
          () -> cluster.dnsAnswers(address.get(), name) ? Optional.of(true) : Optional.empty(),
          () -> "no answer");
      return null;
    } catch (ApplicationFailure notYet) {
      return "cluster DNS at "
          + address.get()
          + " does not answer "
          + name
          + " (from the first master)";
    }
  }

  /**
   * etcd's started members once they are the control planes, or as they are after the settle wait.
   */
  private List<String> awaitMembers(
      RemoteShell master, ClusterQueries cluster, List<String> controlPlanes) {
    try {
      return Polling.until(
          master.heartbeat(),
          "etcd members " + controlPlanes,
          settle,
          POLL_READY,
          () -> Answers.orEmpty(cluster::etcdMembers).filter(m -> sameMembers(m, controlPlanes)),
          () ->
              "members "
                  + Answers.orEmpty(cluster::etcdMembers)
                      .map(Object::toString)
                      .orElse("(etcd did not answer)"));
    } catch (ApplicationFailure notYet) {
      return cluster.etcdMembers();
    }
  }

  /**
   * True once the API answers ok through the endpoint, false if it still does not after the settle
   * wait.
   */
  /** The VIP, or without load balancers the first control plane's own address. */
  private static String endpoint(VerifyInput input) {
    return input.vip() != null ? input.vip() : input.firstMaster().address();
  }

  private boolean awaitApi(RemoteShell master, ClusterQueries cluster, VerifyInput input) {
    try {
      return Polling.until(
          master.heartbeat(),
          "the API through " + endpoint(input),
          settle,
          POLL_READY,
          () ->
              cluster.apiHealthy(endpoint(input), input.endpointPort())
                  ? Optional.of(true)
                  : Optional.empty(),
          () -> "not ok");
    } catch (ApplicationFailure notYet) {
      return false;
    }
  }

  private static boolean sameMembers(List<String> members, List<String> controlPlanes) {
    return new HashSet<>(members).equals(new HashSet<>(controlPlanes))
        && members.size() == controlPlanes.size();
  }

  private List<String> vipHolders(VerifyInput input) {
    List<String> holders = new ArrayList<>();
    for (SshTarget lb : input.loadBalancers()) {
      if (holdsVip(lb, input.vip())) {
        holders.add(lb.host());
      }
    }
    return holders;
  }

  private boolean holdsVip(SshTarget lb, String vip) {
    String addresses =
        connections
            .shell(lb, Heartbeats.ofCurrentActivity())
            .runOk(RemoteCommand.of("ip -o -4 addr show", QUICK).asLoginUser(), "look for the VIP")
            .stdout();
    return addresses.contains(" " + vip + "/");
  }

  /**
   * Stops keepalived on the holder, waits for the VIP on another LB, checks the API through it,
   * restores.
   */
  private String proveFailover(
      VerifyInput input, String holder, ClusterQueries cluster, List<String> problems) {
    SshTarget from =
        input.loadBalancers().stream()
            .filter(lb -> lb.host().equals(holder))
            .findFirst()
            .orElseThrow();
    RemoteShell fromShell = connections.shell(from, Heartbeats.ofCurrentActivity());
    long started = System.currentTimeMillis();
    fromShell.runOk(
        RemoteCommand.of("systemctl stop keepalived", QUICK), "failover: stop keepalived");
    String to;
    boolean apiAfter;
    try {
      to =
          Polling.until(
              fromShell.heartbeat(),
              "the VIP to move off " + holder,
              FAILOVER_TIMEOUT,
              POLL,
              () -> vipHolders(input).stream().filter(host -> !host.equals(holder)).findFirst(),
              () -> "holders " + vipHolders(input));
      long moved = System.currentTimeMillis() - started;
      apiAfter = cluster.apiHealthy(input.vip(), input.endpointPort());
      if (!apiAfter) {
        problems.add("failover: the API does not answer through the VIP while " + to + " holds it");
      }
      return String.format(
          "VIP moved from %s to %s in %d ms; API through the VIP: %s; %s",
          holder, to, moved, apiAfter ? "ok" : "failed", restore(input, fromShell));
    } catch (RuntimeException e) {
      restore(input, fromShell);
      throw e;
    }
  }

  private String restore(VerifyInput input, RemoteShell fromShell) {
    fromShell.runOk(
        RemoteCommand.of("systemctl start keepalived", QUICK), "failover: start keepalived again");
    String holder =
        Polling.until(
            fromShell.heartbeat(),
            "one stable VIP holder",
            FAILOVER_TIMEOUT,
            POLL,
            () -> stableHolder(input),
            () -> "holders " + vipHolders(input));
    return "restored, VIP on " + holder;
  }

  /**
   * The holder when exactly one LB holds the VIP on two reads in a row (keepalived may still be
   * electing).
   */
  private Optional<String> stableHolder(VerifyInput input) {
    List<String> first = vipHolders(input);
    return first.size() == 1 && first.equals(vipHolders(input))
        ? Optional.of(first.get(0))
        : Optional.empty();
  }
}
