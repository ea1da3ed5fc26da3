package io.kubeha.starter;

import java.util.Optional;
import javax.net.ssl.SSLException;

/** What a failed TLS handshake with Temporal means for the operator, and the setting to fix. */
final class TlsRefusal {
  // A TLS frontend closes a plaintext connection without a word: all the client sees.
  static final String PLAINTEXT_HINT =
      " (a server that requires TLS closes plaintext connections like this: give --tls-ca-path,"
          + " --tls-cert-path and --tls-key-path, or their $TEMPORAL_TLS_... variables)";

  private TlsRefusal() {}

  /** The explanation when a cause of e is a TLS failure; empty for anything else. */
  static Optional<String> explain(Throwable e) {
    StringBuilder chain = new StringBuilder();
    Throwable tls = null;
    for (Throwable c = e; c != null; c = c.getCause()) {
      chain.append(c.getMessage()).append('\n');
      if (tls == null
          && (c instanceof SSLException || c.getClass().getName().contains("OpenSslException"))) {
        tls = c;
      }
    }
    String text = chain.toString();
    if (text.contains("CERTIFICATE_REQUIRED")) {
      return Optional.of(
          "requires a client certificate its CA signed, and kubeha had none to send (a"
              + " certificate of another CA is not sent): give --tls-cert-path and --tls-key-path"
              + " (or $TEMPORAL_TLS_CLIENT_CERT_PATH and $TEMPORAL_TLS_CLIENT_KEY_PATH) from"
              + " that CA; scripts/temporal-stack status prints its own");
    }
    if (text.contains("PKIX path building failed")) {
      return Optional.of(
          "has a certificate kubeha does not trust: give --tls-ca-path (or"
              + " $TEMPORAL_TLS_SERVER_CA_CERT_PATH) with the CA that signed it");
    }
    int mismatch =
        Math.max(text.indexOf("No subject alternative"), text.indexOf("No name matching"));
    if (mismatch >= 0) {
      return Optional.of(
          "has a certificate for other names: give --tls-server-name (or"
              + " $TEMPORAL_TLS_SERVER_NAME) with a name it holds ("
              + firstLine(text.substring(mismatch))
              + ")");
    }
    return Optional.ofNullable(tls)
        .map(t -> "refused the TLS handshake: " + firstLine(t.getMessage()));
  }

  private static String firstLine(String text) {
    return String.valueOf(text).lines().findFirst().orElse("");
  }
}
