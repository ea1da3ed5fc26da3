package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.lab.ExecResult;
import io.kubeha.lab.Lab;
import io.kubeha.plan.JoinConfigTemplate;
import io.kubeha.plan.KubeadmConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * kubeha's rendered kubeadm configs, checked by the real kubeadm (`kubeadm config validate`, run
 * inside a lab host): the rendered ones pass, and the same rendering with one wrong field fails, so
 * a config kubeadm would refuse cannot pass the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeadmValidatesConfigTest {
  private static final String FILE = "/root/kubeadm-config.yaml";
  Lab lab;
  Inventory inventory;
  String host;

  @BeforeAll
  void up() {
    lab = Lab.up(1, 0, 2);
    inventory = LabCluster.loadInventory(lab.inventoryPath());
    host = inventory.firstControlPlane().name();
  }

  @AfterAll
  void down() {
    if (lab != null) lab.close();
  }

  /**
   * The real kubeadm of the inventory's release, as the build cache holds it (bind-mounted into
   * hosts).
   */
  private ExecResult validate(String config) {
    lab.exec(host, "sh", "-c", "cat > " + FILE + " <<'EOF'\n" + config + "EOF\n");
    String kubeadm =
        "/usr/lib/kubeha-lab/kubernetes/v"
            + inventory.spec().kubernetes().version()
            + "/bin/kubeadm";
    return lab.exec(host, kubeadm, "config", "validate", "--config", FILE);
  }

  @Test
  void theRenderedInitConfigPasses() {
    ExecResult ok = validate(KubeadmConfig.content(inventory));
    assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());
    assertTrue(ok.stdout().contains("ok"), ok.stdout());
  }

  @Test
  void eachRenderedJoinConfigPassesOnceItsSecretsAreFilledIn() {
    for (HostSpec h : inventory.nodes()) {
      if (h.name().equals(host)) {
        continue;
      }
      String filled =
          JoinConfigTemplate.content(inventory, h)
              .replace(JoinConfigTemplate.TOKEN, "abcdef.0123456789abcdef")
              .replace(JoinConfigTemplate.CA_CERT_HASH, "sha256:" + "0".repeat(64))
              .replace(JoinConfigTemplate.CERTIFICATE_KEY, "1".repeat(64));
      ExecResult ok = validate(filled);
      assertEquals(0, ok.exitCode(), h.name() + ": " + ok.stdout() + ok.stderr());
    }
  }

  @Test
  void aMisspelledFieldIsRefused() {
    String wrong =
        KubeadmConfig.content(inventory).replace("controlPlaneEndpoint:", "controlPlaneEndPoint:");
    ExecResult refused = validate(wrong);
    assertNotEquals(0, refused.exitCode(), refused.stdout());
    assertTrue(refused.stderr().contains("controlPlaneEndPoint"), refused.stderr());
  }

  @Test
  void aWrongValueIsRefused() {
    String wrong =
        KubeadmConfig.content(inventory)
            .replace("podSubnet: 10.244.0.0/16", "podSubnet: 10.244.0.0/99");
    ExecResult refused = validate(wrong);
    assertNotEquals(0, refused.exitCode(), refused.stdout());
    assertTrue(refused.stderr().contains("podSubnet"), refused.stderr());
  }

  @Test
  void aKubernetesVersionOutsideThisKubeadmsRangeIsRefused() {
    String old =
        KubeadmConfig.content(inventory)
            .replace(
                "kubernetesVersion: v" + inventory.spec().kubernetes().version(),
                "kubernetesVersion: v1.32.0");
    ExecResult refused = validate(old);
    assertNotEquals(0, refused.exitCode(), refused.stdout());
    assertTrue(refused.stderr().contains("1.32.0"), refused.stderr());
  }
}
