package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A control plane's static Pods stopped and started the kubelet's way: a manifest moved out of
 * /etc/kubernetes/manifests (parked) stops its Pod, moved back starts it. Each move is skipped when
 * an earlier attempt made it, so a retried call picks up where it stopped.
 */
final class StaticPods {
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration STOP = Duration.ofMinutes(2);
  private static final Duration START = Duration.ofMinutes(3);
  private static final Duration POLL = Duration.ofSeconds(1);
  static final String MANIFESTS = "/etc/kubernetes/manifests";
  static final String PARKED = "/etc/kubernetes/kubeha-parked";

  /**
   * A static Pod and the local endpoint that answers 2xx while it is healthy (kubeadm's defaults).
   */
  record Component(String name, String health) {}

  static final Component ETCD = new Component("etcd", "http://127.0.0.1:2381/health");
  static final Component API_SERVER =
      new Component("kube-apiserver", "https://127.0.0.1:6443/readyz");
  static final Component CONTROLLER_MANAGER =
      new Component("kube-controller-manager", "https://127.0.0.1:10257/healthz");
  static final Component SCHEDULER =
      new Component("kube-scheduler", "https://127.0.0.1:10259/healthz");

  /** etcd first: the API server on the node reads through it. */
  static final List<Component> CONTROL_PLANE =
      List.of(ETCD, API_SERVER, CONTROLLER_MANAGER, SCHEDULER);

  private StaticPods() {}

  /**
   * Its manifest parked (unless an earlier attempt did), then until nothing listens on its health
   * endpoint.
   */
  static void stop(RemoteShell node, Component c) {
    park(node, c);
    Polling.until(
        node.heartbeat(),
        c.name() + " on " + node.target().host() + " to stop",
        STOP,
        POLL,
        () -> closed(node, c) ? Optional.of(true) : Optional.empty(),
        () -> c.health() + " still answers (or hangs)");
  }

  /** Its manifest back (unless an earlier attempt did), then until it is healthy. */
  static void start(RemoteShell node, Component c) {
    unpark(node, c);
    Polling.until(
        node.heartbeat(),
        c.name() + " on " + node.target().host() + " to be healthy",
        START,
        POLL,
        () -> healthy(node, c) ? Optional.of(true) : Optional.empty(),
        () -> c.health() + " does not answer 2xx");
  }

  static void park(RemoteShell node, Component c) {
    node.runOk(RemoteCommand.of(parkCommand(c), QUICK), "stop " + c.name());
  }

  static void unpark(RemoteShell node, Component c) {
    node.runOk(RemoteCommand.of(unparkCommand(c), QUICK), "start " + c.name());
  }

  static String parkCommand(Component c) {
    return "test -f "
        + quote(parked(c))
        + " || { mkdir -p "
        + PARKED
        + " && mv "
        + quote(manifest(c))
        + " "
        + quote(parked(c))
        + "; }";
  }

  static String unparkCommand(Component c) {
    return "test ! -f "
        + quote(parked(c))
        + " || mv "
        + quote(parked(c))
        + " "
        + quote(manifest(c));
  }

  static String manifest(Component c) {
    return MANIFESTS + "/" + c.name() + ".yaml";
  }

  static String parked(Component c) {
    return PARKED + "/" + c.name() + ".yaml";
  }

  /**
   * Nothing listens on its endpoint any more: the connection is refused. An endpoint that answers
   * "unhealthy" is still a running process (an etcd that lost quorum says so while its peers stop),
   * and one that hangs may be too.
   */
  static boolean closed(RemoteShell node, Component c) {
    return node.run(
                RemoteCommand.of("curl -sk --max-time 3 -o /dev/null " + quote(c.health()), QUICK)
                    .withSummary("probe " + c.name()))
            .exitCode()
        == CURL_CONNECTION_REFUSED;
  }

  private static final int CURL_CONNECTION_REFUSED = 7;

  static boolean healthy(RemoteShell node, Component c) {
    return node.run(
            RemoteCommand.of(
                    "curl -sk --fail --max-time 3 " + quote(c.health()) + " > /dev/null", QUICK)
                .withSummary("probe " + c.name()))
        .ok();
  }
}
