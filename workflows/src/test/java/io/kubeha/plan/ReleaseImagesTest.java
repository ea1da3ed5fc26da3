package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each node pulls ahead of a roll: kubeadm's list on a control plane, three on a worker. */
class ReleaseImagesTest {
  @Test
  void aControlPlanePullsKubeadmsListAWorkerWhatItsPodsRun() {
    Inventory inv = TestInventories.runbook();
    String version = inv.spec().kubernetes().version();
    Step cp = ReleaseImages.controlPlane(inv).orElseThrow();
    Step worker = ReleaseImages.worker(inv).orElseThrow();
    for (String image : KubeadmImages.of(version, inv.spec().kubernetes().imageRepository())) {
      assertTrue(cp.actions().get(0).run().contains("'" + image + "'"), image);
      boolean onWorker =
          image.contains("/kube-proxy:")
              || image.contains("/coredns:")
              || image.contains("/pause:");
      assertEquals(onWorker, worker.actions().get(0).run().contains("'" + image + "'"), image);
    }
    Action pull = cp.actions().get(0);
    assertEquals(pull.check(), pull.verify(), "verified by its own check");
    assertTrue(pull.check().startsWith("for i in "), pull.check());
    assertEquals(List.of("control-plane-images", "node-images"), List.of(cp.id(), worker.id()));
  }

  @Test
  void aReleaseWhoseImagesKubehaDoesNotKnowPullsNothingAhead() {
    Inventory inv = TestInventories.runbook();
    KubernetesSpec k = inv.spec().kubernetes();
    Inventory unknown =
        TestInventories.withKubernetes(
            inv,
            new KubernetesSpec(
                "1.37.9",
                k.podSubnet(),
                k.serviceSubnet(),
                k.dnsDomain(),
                k.imageRepository(),
                k.cni(),
                k.cniVersion(),
                k.ignorePreflightErrors(),
                k.kubeProxy()));
    assertTrue(ReleaseImages.controlPlane(unknown).isEmpty());
    assertTrue(OperationSteps.render(unknown).workerImages() == null);
  }
}
