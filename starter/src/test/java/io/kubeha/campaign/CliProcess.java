package io.kubeha.campaign;

import io.kubeha.starter.Kubeha;
import io.kubeha.worker.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real kubeha CLI (`kubeha ARGS`) in a child JVM on the test class path, its output appended to
 * a log file.
 */
final class CliProcess {
  private CliProcess() {}

  /**
   * Starts `kubeha args...` with KUBEHA_HOME set to home (where `up` puts admin.conf); --address
   * names the server.
   */
  static ChildJvm start(Path home, Path log, String... args) throws IOException {
    return start(home, log, Map.of(), args);
  }

  /** The same with temporalEnv (the temporal CLI's TLS variables) in its environment. */
  static ChildJvm start(Path home, Path log, Map<String, String> temporalEnv, String... args)
      throws IOException {
    Map<String, String> env = new HashMap<>(temporalEnv);
    env.put("KUBEHA_HOME", home.toString());
    env.put("TEMPORAL_ADDRESS", null);
    return ChildJvm.start(log, env, Kubeha.class.getName(), args);
  }
}
