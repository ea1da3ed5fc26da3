package io.kubeha.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * Refuses unusable TLS settings before anything connects, naming the option, its variable and the
 * fix: a file that is missing or not PEM, a client key without its certificate or the reverse.
 */
public final class TemporalSecurityCheck {
  static final String CERT = "--tls-cert-path (or $" + TemporalSecurity.ENV_CERT + ")";
  static final String KEY = "--tls-key-path (or $" + TemporalSecurity.ENV_KEY + ")";
  static final String CA = "--tls-ca-path (or $" + TemporalSecurity.ENV_CA + ")";

  private TemporalSecurityCheck() {}

  /** Throws IllegalArgumentException with the option, the problem and the fix. */
  public static void check(TemporalSecurity security) {
    if (security.keyPath() != null && security.certPath() == null) {
      throw new IllegalArgumentException(
          KEY + " is set but " + CERT + " is not: give the client certificate of that key too");
    }
    if (security.certPath() != null && security.keyPath() == null) {
      throw new IllegalArgumentException(
          CERT + " is set but " + KEY + " is not: give the client certificate's private key too");
    }
    if (security.certPath() != null) {
      certificates(CERT, security.certPath(), "the client certificate");
      readable(KEY, security.keyPath(), "the client certificate's private key (PKCS#8 PEM)");
    }
    if (security.caPath() != null) {
      certificates(CA, security.caPath(), "the CA certificate that signed the server's");
    }
  }

  /** The file exists, is readable and holds at least one PEM or DER X.509 certificate. */
  private static void certificates(String option, Path file, String what) {
    readable(option, file, what);
    try (InputStream in = Files.newInputStream(file)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new CertificateException("no certificate in it");
      }
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException(
          option + ": " + file + " is not a certificate (" + e.getMessage() + "): give " + what, e);
    }
  }

  private static void readable(String option, Path file, String what) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          option + ": " + file + " does not exist: give the PEM file of " + what);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(
          option + ": " + file + " is not a file this user can read: give the PEM file of " + what);
    }
  }
}
