package io.kubeha.worker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * How a kubeha client or worker secures its Temporal connection: the `temporal` CLI's TLS settings
 * and API key. {@link #NONE} is plaintext, as to the local dev server.
 */
public record TemporalSecurity(
    boolean tls, Path certPath, Path keyPath, Path caPath, String serverName, String apiKey) {
  public static final TemporalSecurity NONE =
      new TemporalSecurity(false, null, null, null, null, null);

  // The temporal CLI's own variables (`temporal options`), so one environment serves both.
  public static final String ENV_TLS = "TEMPORAL_TLS";
  public static final String ENV_CERT = "TEMPORAL_TLS_CLIENT_CERT_PATH";
  public static final String ENV_KEY = "TEMPORAL_TLS_CLIENT_KEY_PATH";
  public static final String ENV_CA = "TEMPORAL_TLS_SERVER_CA_CERT_PATH";
  public static final String ENV_SERVER_NAME = "TEMPORAL_TLS_SERVER_NAME";
  public static final String ENV_API_KEY = "TEMPORAL_API_KEY";
  // What Go's strconv.ParseBool, which the temporal CLI uses, reads as true.
  private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");

  public TemporalSecurity {
    serverName = blankToNull(serverName);
    apiKey = blankToNull(apiKey);
  }

  /** TLS is on when asked for or when anything that needs it is set, as in the temporal CLI. */
  public boolean usesTls() {
    return tls
        || certPath != null
        || keyPath != null
        || caPath != null
        || serverName != null
        || apiKey != null;
  }

  /** The settings the temporal CLI's environment variables give. */
  public static TemporalSecurity fromEnvironment(Map<String, String> env) {
    return new TemporalSecurity(
        TRUE.contains(env.getOrDefault(ENV_TLS, "").strip()),
        path(env.get(ENV_CERT)),
        path(env.get(ENV_KEY)),
        path(env.get(ENV_CA)),
        env.get(ENV_SERVER_NAME),
        env.get(ENV_API_KEY));
  }

  /** The API key stays out of logs and error messages. */
  @Override
  public String toString() {
    return "TemporalSecurity[tls="
        + usesTls()
        + ", cert="
        + certPath
        + ", key="
        + keyPath
        + ", ca="
        + caPath
        + ", serverName="
        + serverName
        + ", apiKey="
        + (apiKey == null ? "none" : "set")
        + "]";
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value.strip());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
