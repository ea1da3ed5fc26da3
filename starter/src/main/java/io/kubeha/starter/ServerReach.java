package io.kubeha.starter;

import io.kubeha.worker.TemporalSecurity;
import io.kubeha.worker.TemporalServiceOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * Connects to a Temporal frontend, waiting out a restart; a refused TLS handshake fails at once
 * with the setting to fix, as bad input.
 */
final class ServerReach {
  static final Duration CONNECT_DEADLINE = Duration.ofSeconds(5);
  // A server restarting (a crash, an upgrade) answers again within seconds: wait that long before
  // giving up.
  static final Duration RESTART_GRACE = Duration.ofSeconds(25);

  private ServerReach() {}

  /** Connected stubs for target (named by source in errors), or BadInputException. */
  static WorkflowServiceStubs connect(
      String target, String source, TemporalSecurity security, PrintWriter err) {
    WorkflowServiceStubsOptions options;
    try {
      options = TemporalServiceOptions.of(target, security);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    WorkflowServiceStubs service;
    try {
      service = WorkflowServiceStubs.newServiceStubs(options);
    } catch (RuntimeException e) {
      throw new BadInputException(
          "Temporal address " + target + " (from " + source + ") is not usable: " + e.getMessage());
    }
    try {
      service.connect(CONNECT_DEADLINE);
      return service;
    } catch (RuntimeException e) {
      refuseOnTls(service, e, target, source);
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
      refuseOnTls(service, e, target, source);
      throw new BadInputException(
          "cannot reach Temporal at "
              + target
              + " (from "
              + source
              + ") within "
              + CONNECT_DEADLINE.plus(RESTART_GRACE).toSeconds()
              + " s: "
              + e.getMessage()
              + (security.usesTls() ? "" : TlsRefusal.PLAINTEXT_HINT));
    }
  }

  private static void refuseOnTls(
      WorkflowServiceStubs service, RuntimeException e, String target, String source) {
    Optional<String> refusal = TlsRefusal.explain(e);
    if (refusal.isPresent()) {
      service.shutdownNow();
      throw new BadInputException(
          "Temporal at " + target + " (from " + source + ") " + refusal.get());
    }
  }
}
