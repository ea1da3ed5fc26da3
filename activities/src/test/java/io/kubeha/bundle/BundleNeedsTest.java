package io.kubeha.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.InventoryLoader;
import io.kubeha.inventory.LoadResult;
import io.kubeha.plan.MissingChecksumException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a bundle of an inventory holds, decided before any fetch. */
class BundleNeedsTest {
  private static Inventory inventory(String kubernetes, String extra) {
    LoadResult r =
        InventoryLoader.load(
            """
            apiVersion: kubeha/v1alpha1
            kind: Cluster
            metadata: {name: t}
            spec:
              ssh: {user: root, keyPath: /k, knownHosts: /h}
              hosts:
                - {name: m1, address: 198.18.7.11, roles: [control-plane, ntp-server]}
              ntp: {upstream: [198.18.0.1], allow: [198.18.7.0/24]}
              kubernetes: %s
            %s"""
                .formatted(kubernetes, extra),
            "t.yaml");
    assertTrue(r.ok(), r.problems().toString());
    return r.inventory();
  }

  @Test
  void theNextMinorAddsItsReleaseAndImages() {
    BundleNeeds n = BundleNeeds.of(inventory("{version: 1.36.3, cni: flannel}", ""), true);
    assertEquals(List.of("1.36.3", "1.37.2"), n.versions());
    assertTrue(
        n.images().contains("registry.k8s.io/kube-apiserver:v1.36.3"), n.images().toString());
    assertTrue(n.images().contains("registry.k8s.io/kube-apiserver:v1.37.2"));
    assertTrue(n.images().contains("registry.k8s.io/etcd:3.6.8-0"));
    assertTrue(n.images().contains("registry.k8s.io/etcd:3.7.0-0"));
    assertTrue(n.images().contains("ghcr.io/flannel-io/flannel:v0.28.10"));
    assertTrue(n.images().contains("registry.k8s.io/e2e-test-images/agnhost:2.66.1"));
    assertEquals(n.images().size(), n.images().stream().distinct().count(), "pause once");
  }

  @Test
  void calicosArchiveIsAPlanFileAndEtcdsTarballIsLeftOutWithoutAChecksum() {
    BundleNeeds n = BundleNeeds.of(inventory("{version: 1.37.2}", ""), false);
    List<String> files = n.files().stream().map(ReleaseFiles.Wanted::name).toList();
    assertEquals(
        List.of(
            "containerd-2.2.1-linux-amd64.tar.gz",
            "runc-1.3.4.amd64",
            "cni-plugins-linux-amd64-v1.8.0.tgz",
            "calico-3.30.6.tar.gz"),
        files);
    assertEquals("/projectcalico/calico/archive/v3.30.6.tar.gz", n.files().get(3).releasePath());
    assertTrue(n.notes().stream().anyMatch(s -> s.startsWith("etcd-v3.7.0-linux-amd64.tar.gz")));
  }

  @Test
  void aFileWithoutAKnownChecksumStopsIt() {
    Inventory inv = inventory("{version: 1.37.2}", "  containerRuntime: {containerd: 9.9.9}\n");
    MissingChecksumException e =
        assertThrows(MissingChecksumException.class, () -> BundleNeeds.of(inv, false));
    assertTrue(e.getMessage().contains("containerd-9.9.9-linux-amd64.tar.gz"), e.getMessage());
  }

  @Test
  void withoutAKnownNextMinorItSaysSo() {
    Inventory inv = inventory("{version: 1.37.2}", "");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BundleNeeds.of(inv, true));
    assertTrue(e.getMessage().startsWith("--with-next-minor"), e.getMessage());
  }
}
