package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class KubeadmOutputTest {
  private static final String HASH = "sha256:" + "0123456789abcdef".repeat(4);
  private static final String KEY = "fedcba9876543210".repeat(4);

  @Test
  void parsesTheJoinCommand() {
    String output =
        "kubeadm join 198.18.0.250:16443 --token abcdef.0123456789abcdef \\\n"
            + "\t--discovery-token-ca-cert-hash "
            + HASH
            + " \n";
    KubeadmOutput.JoinSecrets secrets = KubeadmOutput.joinSecrets(output);
    assertEquals("abcdef.0123456789abcdef", secrets.token());
    assertEquals(HASH, secrets.caCertHash());
    assertFalse(secrets.toString().contains("abcdef"), "never printed");
  }

  @Test
  void aJoinCommandWithoutTokenFailsWithoutQuotingTheOutput() {
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () ->
                KubeadmOutput.joinSecrets(
                    "kubeadm join x --token secret-looking --discovery-token-ca-cert-hash "
                        + HASH));
    assertFalse(failure.getOriginalMessage().contains("secret-looking"));
  }

  @Test
  void theCertificateKeyIsTheLastNonEmptyLine() {
    String output =
        "[upload-certs] Storing the certificates in Secret \"kubeadm-certs\"\n"
            + "[upload-certs] Using certificate key:\n"
            + KEY
            + "\n\n";
    assertEquals(KEY, KubeadmOutput.certificateKey(output));
    assertThrows(
        ApplicationFailure.class, () -> KubeadmOutput.certificateKey(KEY + "\ntrailing words\n"));
    assertThrows(ApplicationFailure.class, () -> KubeadmOutput.certificateKey(""));
  }
}
