package io.kubeha.activities;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses what kubeadm prints when it mints join secrets. Failure messages never quote the output:
 * it holds secrets.
 */
final class KubeadmOutput {
  static final String UNEXPECTED_OUTPUT = "UnexpectedOutput";
  private static final Pattern TOKEN =
      Pattern.compile("--token\\s+([a-z0-9]{6}\\.[a-z0-9]{16})(\\s|$)");
  private static final Pattern CA_HASH =
      Pattern.compile("--discovery-token-ca-cert-hash\\s+(sha256:[0-9a-f]{64})(\\s|$)");
  private static final Pattern CERTIFICATE_KEY = Pattern.compile("[0-9a-f]{64}");

  /** A bootstrap token and the CA certificate hash a joining node checks the cluster against. */
  record JoinSecrets(String token, String caCertHash) {
    @Override
    public String toString() {
      return "JoinSecrets[redacted]";
    }
  }

  private KubeadmOutput() {}

  /** From `kubeadm token create --print-join-command`. */
  static JoinSecrets joinSecrets(String output) {
    Matcher token = TOKEN.matcher(output);
    Matcher hash = CA_HASH.matcher(output);
    if (!token.find() || !hash.find()) {
      throw ApplicationFailure.newFailure(
          "kubeadm token create printed no join command with --token and --discovery-token-ca-cert-hash",
          UNEXPECTED_OUTPUT);
    }
    return new JoinSecrets(token.group(1), hash.group(1));
  }

  /**
   * From `kubeadm init phase upload-certs --upload-certs`: the last non-empty line, 64 hex digits.
   */
  static String certificateKey(String output) {
    List<String> lines = output.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    if (lines.isEmpty() || !CERTIFICATE_KEY.matcher(lines.get(lines.size() - 1)).matches()) {
      throw ApplicationFailure.newFailure(
          "kubeadm init phase upload-certs did not end with a certificate key (64 hex digits)",
          UNEXPECTED_OUTPUT);
    }
    return lines.get(lines.size() - 1);
  }
}
