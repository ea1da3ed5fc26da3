package io.kubeha.starter;

import io.kubeha.worker.TemporalSecurity;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The temporal CLI's TLS and API-key options, same names and variables (a mixin of
 * TemporalOptions); an option wins over its variable.
 */
public final class TemporalTlsOptions {
  @Option(
      names = "--tls",
      description = "Connect with TLS; on by itself with any option below. Default: $TEMPORAL_TLS.")
  Boolean tls;

  @Option(
      names = "--tls-cert-path",
      paramLabel = "FILE",
      description =
          "Client certificate (PEM) for mutual TLS. Default: $"
              + TemporalSecurity.ENV_CERT
              + " (scripts/temporal-stack up prints its own).")
  Path certPath;

  @Option(
      names = "--tls-key-path",
      paramLabel = "FILE",
      description =
          "The client certificate's private key (PEM, PKCS#8). Default: $"
              + TemporalSecurity.ENV_KEY
              + ".")
  Path keyPath;

  @Option(
      names = "--tls-ca-path",
      paramLabel = "FILE",
      description =
          "CA certificate (PEM) the server's certificate must be signed by, instead of the"
              + " system's. Default: $"
              + TemporalSecurity.ENV_CA
              + ".")
  Path caPath;

  @Option(
      names = "--tls-server-name",
      paramLabel = "NAME",
      description =
          "Name the server's certificate is checked against, when not the address's host."
              + " Default: $"
              + TemporalSecurity.ENV_SERVER_NAME
              + ".")
  String serverName;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "API key (Temporal Cloud); turns TLS on. Prefer $"
              + TemporalSecurity.ENV_API_KEY
              + ": other users can read a command line.")
  String apiKey;

  /** The options given, each falling back to its variable in env. */
  TemporalSecurity resolve(Map<String, String> env) {
    TemporalSecurity fromEnv = TemporalSecurity.fromEnvironment(env);
    return new TemporalSecurity(
        tls != null ? tls : fromEnv.tls(),
        certPath != null ? certPath : fromEnv.certPath(),
        keyPath != null ? keyPath : fromEnv.keyPath(),
        caPath != null ? caPath : fromEnv.caPath(),
        serverName != null ? serverName : fromEnv.serverName(),
        apiKey != null ? apiKey : fromEnv.apiKey());
  }
}
