package io.kubeha.starter;

import io.kubeha.worker.KubehaHome;
import io.kubeha.worker.TemporalDevServer;
import io.kubeha.worker.TemporalSecurity;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * --address, --namespace and the TLS options: which Temporal a command talks to and how (a mixin);
 * without an address, a local dev server.
 */
public final class TemporalOptions {
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

  @Mixin TemporalTlsOptions tls = new TemporalTlsOptions();

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
    TemporalSecurity security = tls.resolve(System.getenv());
    String explicit = explicitAddress();
    if (explicit != null) {
      String source = address != null && !address.isBlank() ? "--address" : "$" + ENV_ADDRESS;
      return new TemporalConnection(
          ServerReach.connect(explicit, source, security, err),
          explicit,
          namespace,
          security,
          false);
    }
    if (security.usesTls()) {
      throw new BadInputException(
          "TLS or an API key is set (--tls... or $TEMPORAL_TLS..., --api-key or $"
              + TemporalSecurity.ENV_API_KEY
              + ") but no --address or $"
              + ENV_ADDRESS
              + ": name the server they are for; the local dev server speaks plaintext on"
              + " 127.0.0.1");
    }
    TemporalDevServer server = startDevServer(err);
    TemporalConnection connection =
        new TemporalConnection(
            ServerReach.connect(
                server.address(), "the local dev server", TemporalSecurity.NONE, err),
            server.address(),
            namespace,
            TemporalSecurity.NONE,
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
}
