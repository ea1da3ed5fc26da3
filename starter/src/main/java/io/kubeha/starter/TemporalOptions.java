package io.kubeha.starter;

import io.kubeha.worker.KubehaHome;
import io.kubeha.worker.TemporalDevServer;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * --address and --namespace: which Temporal a command talks to (a mixin); without one, a local dev
 * server.
 */
public final class TemporalOptions {
  static final Duration CONNECT_DEADLINE = Duration.ofSeconds(5);
  // A server restarting (a crash, an upgrade) answers again within seconds: wait that long before
  // giving up.
  static final Duration RESTART_GRACE = Duration.ofSeconds(25);
  static final String ENV_ADDRESS = "TEMPORAL_ADDRESS";

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description =
          "Temporal's frontend. Default: $TEMPORAL_ADDRESS, else a local dev server on 127.0.0.1:7233"
              + " (reused when one answers, else started with its state under $KUBEHA_HOME/temporal).")
  String address;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      defaultValue = "default",
      description = "Temporal namespace (default: ${DEFAULT-VALUE}).")
  String namespace = "default";

  /** The address the operator named, and where it came from; null for the embedded dev server. */
  String explicitAddress() {
    if (address != null && !address.isBlank()) {
      return address;
    }
    String env = System.getenv(ENV_ADDRESS);
    return env == null || env.isBlank() ? null : env;
  }

  /**
   * Connects to the named server (exit 2 naming it when it does not answer), or to the embedded dev
   * server, starting it and, when startWorker, a background worker as needed. Notes go to err.
   */
  public TemporalConnection connect(PrintWriter err, boolean startWorker) {
    String explicit = explicitAddress();
    if (explicit != null) {
      String source = address != null && !address.isBlank() ? "--address" : "$" + ENV_ADDRESS;
      return new TemporalConnection(reach(explicit, source, err), explicit, namespace, false);
    }
    TemporalDevServer server = startDevServer(err);
    TemporalConnection connection =
        new TemporalConnection(
            reach(server.address(), "the local dev server", err),
            server.address(),
            namespace,
            true);
    if (startWorker) {
      BackgroundWorker.ensure(connection, err);
    }
    return connection;
  }

  private static TemporalDevServer startDevServer(PrintWriter err) {
    var stateDir = KubehaHome.create(err).resolve("temporal");
    try {
      TemporalDevServer server =
          TemporalDevServer.startOrReuse(
              stateDir, TemporalDevServer.DEFAULT_PORT, TemporalDevServer.DEFAULT_UI_PORT, true);
      if (server.process().isPresent()) {
        err.println(
            "Started a local Temporal dev server on "
                + server.address()
                + " (state in "
                + stateDir
                + ", UI on http://127.0.0.1:"
                + TemporalDevServer.DEFAULT_UI_PORT
                + ")");
        err.flush();
      }
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the local Temporal dev server: " + e.getMessage(), e);
    }
  }

  private static WorkflowServiceStubs reach(String target, String source, PrintWriter err) {
    WorkflowServiceStubs service;
    try {
      service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    } catch (RuntimeException e) {
      throw new BadInputException(
          "Temporal address " + target + " (from " + source + ") is not usable: " + e.getMessage());
    }
    try {
      service.connect(CONNECT_DEADLINE);
      return service;
    } catch (RuntimeException e) {
      err.println(
          "kubeha: Temporal at "
              + target
              + " does not answer yet; waiting up to "
              + RESTART_GRACE.toSeconds()
              + " s more (a server restarting answers within that)");
      err.flush();
    }
    try {
      service.connect(RESTART_GRACE);
      return service;
    } catch (RuntimeException e) {
      service.shutdownNow();
      throw new BadInputException(
          "cannot reach Temporal at "
              + target
              + " (from "
              + source
              + ") within "
              + CONNECT_DEADLINE.plus(RESTART_GRACE).toSeconds()
              + " s");
    }
  }
}
