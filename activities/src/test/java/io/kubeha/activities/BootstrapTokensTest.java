package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.plan.KubeadmConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTokensTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void findsOnlyTheTokensOfOneDescription() {
    String listed =
        "bootstrap-token-abc123 "
            + b64(BootstrapTokens.joinOf("kube-worker-1"))
            + "\n"
            + "bootstrap-token-def456 "
            + b64(BootstrapTokens.joinOf("kube-worker-10"))
            + "\n"
            + "bootstrap-token-0a1b2c "
            + b64(KubeadmConfig.INIT_TOKEN)
            + "\n"
            // The operator's own token, with no description, and kubeadm's upload-certs proxy.
            + "bootstrap-token-9z8y7x \n"
            + "bootstrap-token-q1w2e3 "
            + b64("Proxy for managing TTL for the kubeadm-certs secret")
            + "\n";
    assertEquals(
        List.of("bootstrap-token-abc123"),
        BootstrapTokens.described(listed, BootstrapTokens.joinOf("kube-worker-1")));
    assertEquals(
        List.of("bootstrap-token-0a1b2c"),
        BootstrapTokens.described(listed, KubeadmConfig.INIT_TOKEN));
    assertEquals(List.of(), BootstrapTokens.described("", KubeadmConfig.INIT_TOKEN));
  }

  @Test
  void theJoinTokenIsDescribedWithItsHostAndLivesAnHourAtMost() {
    String create = BootstrapTokens.create("kube-master-2");
    assertTrue(create.contains("--ttl 1h"), create);
    assertTrue(create.endsWith("'kubeha: join of kube-master-2, deleted once it joined'"), create);
  }
}
