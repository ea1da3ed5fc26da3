package io.kubeha.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Collects the join secrets the lab's API server saw during a run. The store keeps every token but
 * only the latest certificate key, so it is polled while the run goes on.
 */
public final class LabSecrets implements AutoCloseable {
  private final LabChecks lab;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final Set<String> certificateKeys = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

  private LabSecrets(LabChecks lab) {
    this.lab = lab;
  }

  public static LabSecrets watch(LabChecks lab) {
    LabSecrets s = new LabSecrets(lab);
    s.poller.scheduleWithFixedDelay(s::collect, 0, 200, TimeUnit.MILLISECONDS);
    return s;
  }

  public Set<String> tokens() {
    collect();
    return Set.copyOf(tokens);
  }

  public Set<String> certificateKeys() {
    collect();
    return Set.copyOf(certificateKeys);
  }

  private void collect() {
    JsonNode state;
    try {
      state = lab.clusterState();
    } catch (IOException e) {
      return; // no store yet (before init), or read while the API server rewrites it: next poll
    }
    JsonNode t = state.path("tokens");
    t.fieldNames().forEachRemaining(id -> tokens.add(id + "." + t.get(id).path("secret").asText()));
    String key = state.path("certificateKey").path("key").asText("");
    if (!key.isEmpty()) {
      certificateKeys.add(key);
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
