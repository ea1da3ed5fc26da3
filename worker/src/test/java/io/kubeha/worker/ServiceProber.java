package io.kubeha.worker;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the workload's Service, as a user's load balancer would be: every 200 ms an HTTP GET
 * of agnhost's /hostname through the NodePort of the next node in turn. The test names the nodes
 * (one about to be removed leaves the rotation first). Counts are read per stretch of the journey:
 * {@link #mark} starts a new one.
 */
public final class ServiceProber implements AutoCloseable {
  static final Duration PACE = Duration.ofMillis(200);
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  /** One failed probe: when, through which node, and what went wrong. */
  public record Failure(Instant at, String node, String what) {
    @Override
    public String toString() {
      return at + " " + node + ": " + what;
    }
  }

  /** A stretch's figures: probes sent, those that failed, and which Pods answered how often. */
  public record Stretch(
      String name, int probes, List<Failure> failures, Map<String, Integer> answeredBy) {
    public String line() {
      return "bench prober "
          + name
          + ": "
          + probes
          + " probes every "
          + PACE.toMillis()
          + " ms, "
          + failures.size()
          + " failed";
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final int nodePort;
  private final CopyOnWriteArrayList<String> targets; // "name=address"
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final AtomicInteger probes = new AtomicInteger();
  private final Map<String, Integer> answers = new ConcurrentSkipListMap<>();
  private Repeating loop;
  private String stretch = "start";
  private int stretchProbes;
  private int stretchFailures;

  private ServiceProber(int nodePort, List<String> targets) {
    this.nodePort = nodePort;
    this.targets = new CopyOnWriteArrayList<>(targets);
  }

  /** Starts probing through the given nodes ("name=address" each). */
  public static ServiceProber start(int nodePort, List<String> targets) {
    ServiceProber p = new ServiceProber(nodePort, targets);
    AtomicInteger next = new AtomicInteger();
    p.loop =
        Repeating.every(
            PACE,
            "service-prober",
            () -> {
              List<String> now = List.copyOf(p.targets);
              if (!now.isEmpty()) {
                String target = now.get(next.getAndIncrement() % now.size());
                int eq = target.indexOf('=');
                p.probe(target.substring(0, eq), target.substring(eq + 1));
              }
            });
    return p;
  }

  /** The nodes probed from now on. */
  public void probeThrough(List<String> nodes) {
    targets.clear();
    targets.addAll(nodes);
  }

  /** Ends the current stretch, returns its figures, and starts the next one under name. */
  public synchronized Stretch mark(String name) {
    int total = probes.get();
    List<Failure> all = new ArrayList<>(failures);
    Stretch ended =
        new Stretch(
            stretch,
            total - stretchProbes,
            List.copyOf(all.subList(stretchFailures, all.size())),
            Map.copyOf(answers));
    answers.clear();
    stretch = name;
    stretchProbes = total;
    stretchFailures = all.size();
    return ended;
  }

  private void probe(String node, String address) {
    Instant at = Instant.now();
    probes.incrementAndGet();
    try {
      HostnameProbe answer = HostnameProbe.send(http, address, nodePort, TIMEOUT);
      if (answer.answered()) {
        answers.merge(answer.hostname(), 1, Integer::sum);
      } else {
        failures.add(new Failure(at, node, answer.failure()));
      }
    } catch (InterruptedException e) {
      failures.add(new Failure(at, node, "interrupted"));
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    loop.close();
  }
}
