package io.kubeha.plan;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import java.util.List;
import java.util.Optional;

/**
 * The images of the inventory's release pulled into containerd before they are needed, so a rolling
 * upgrade pays no pulls between a node's drain and its uncordon: on a control plane every image
 * kubeadm lists; on a worker what its Pods run (kube-proxy, CoreDNS, pause). Pulled through the
 * CRI, so containerd's registry mirrors apply. Only for releases whose image list kubeha knows.
 */
public final class ReleaseImages {
  static final String CRICTL = "crictl --runtime-endpoint " + KubeadmConfig.CRI_SOCKET;

  /** A pull of the whole list may wait on a slow registry: as long as a package install. */
  static final int TIMEOUT_SECONDS = 900;

  private ReleaseImages() {}

  /** The control planes' step, when kubeha knows the release's images. */
  public static Optional<Step> controlPlane(Inventory inv) {
    return images(inv).map(all -> step("control-plane-images", all));
  }

  /** The workers' step: the images every node runs. */
  public static Optional<Step> worker(Inventory inv) {
    return images(inv)
        .map(
            all ->
                step(
                    "node-images",
                    all.stream()
                        .filter(
                            i ->
                                i.contains("/kube-proxy:")
                                    || i.contains("/coredns:")
                                    || i.contains("/pause:"))
                        .toList()));
  }

  private static Optional<List<String>> images(Inventory inv) {
    KubernetesSpec k = inv.spec().kubernetes();
    if (!KubeadmImages.known(k.version())) {
      return Optional.empty();
    }
    return Optional.of(KubeadmImages.of(k.version(), k.imageRepository()));
  }

  private static Step step(String id, List<String> images) {
    String list = Shell.quoteAll(images);
    String check =
        "for i in "
            + list
            + "; do "
            + CRICTL
            + " inspecti -q \"$i\" >/dev/null 2>&1 || exit 1; done";
    String run =
        "for i in "
            + list
            + "; do "
            + CRICTL
            + " inspecti -q \"$i\" >/dev/null 2>&1 || "
            + CRICTL
            + " pull \"$i\" || exit 1; done";
    return new Step(
        id,
        Phase.CHECK_UPGRADE,
        "Pull the release's images",
        List.of(),
        List.of(),
        List.of(new Action("pull-images", check, run, check, false, TIMEOUT_SECONDS)));
  }
}
