package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.plan.daytwo.StaticPod;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.time.Duration;
import java.util.Optional;

/**
 * A control plane's static Pods stopped and started the kubelet's way ({@link StaticPod}'s park and
 * unpark), each waited for through its health endpoint. Each move is skipped when an earlier
 * attempt made it, so a retried call picks up where it stopped.
 */
final class StaticPods {
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration STOP = Duration.ofMinutes(2);
  private static final Duration START = Duration.ofMinutes(3);
  private static final Duration POLL = Duration.ofSeconds(1);

  private StaticPods() {}

  /**
   * Its manifest parked (unless an earlier attempt did), then until nothing listens on its health
   * endpoint.
   */
  static void stop(RemoteShell node, StaticPod c) {
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
  static void start(RemoteShell node, StaticPod c) {
    unpark(node, c);
    Polling.until(
        node.heartbeat(),
        c.name() + " on " + node.target().host() + " to be healthy",
        START,
        POLL,
        () -> healthy(node, c) ? Optional.of(true) : Optional.empty(),
        () -> c.health() + " does not answer 2xx");
  }

  /**
   * Until its health endpoint has answered 2xx on every probe for held: one that just started may
   * answer once, then restart (a kubelet of a new minor restarts what it finds).
   */
  static void healthyFor(RemoteShell node, StaticPod c, Duration held) {
    long[] since = {-1};
    Polling.until(
        node.heartbeat(),
        c.name() + " on " + node.target().host() + " healthy for " + held.toSeconds() + " s",
        START,
        POLL,
        () -> {
          if (!healthy(node, c)) {
            since[0] = -1;
            return Optional.empty();
          }
          long now = System.nanoTime();
          if (since[0] < 0) {
            since[0] = now;
          }
          return now - since[0] >= held.toNanos() ? Optional.of(true) : Optional.empty();
        },
        () -> c.health() + " does not answer 2xx, or not for " + held.toSeconds() + " s");
  }

  static void park(RemoteShell node, StaticPod c) {
    node.runOk(RemoteCommand.of(c.park(), QUICK), "stop " + c.name());
  }

  static void unpark(RemoteShell node, StaticPod c) {
    node.runOk(RemoteCommand.of(c.unpark(), QUICK), "start " + c.name());
  }

  /**
   * Nothing listens on its endpoint any more: the connection is refused. An endpoint that answers
   * "unhealthy" is still a running process (an etcd that lost quorum says so while its peers stop),
   * and one that hangs may be too.
   */
  static boolean closed(RemoteShell node, StaticPod c) {
    return node.run(
                RemoteCommand.of("curl -sk --max-time 3 -o /dev/null " + quote(c.health()), QUICK)
                    .withSummary("probe " + c.name()))
            .exitCode()
        == CURL_CONNECTION_REFUSED;
  }

  private static final int CURL_CONNECTION_REFUSED = 7;

  static boolean healthy(RemoteShell node, StaticPod c) {
    return node.run(
            RemoteCommand.of(
                    "curl -sk --fail --max-time 3 " + quote(c.health()) + " > /dev/null", QUICK)
                .withSummary("probe " + c.name()))
        .ok();
  }
}
