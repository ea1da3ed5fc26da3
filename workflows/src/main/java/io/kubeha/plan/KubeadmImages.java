package io.kubeha.plan;

import io.kubeha.inventory.KubernetesSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images `kubeadm config images list --kubernetes-version vX.Y.Z` names, computed as kubeadm
 * does (cmd/kubeadm/app/images): the four control-plane and proxy images at the release's tag, etcd
 * at its pinned version with "-0", CoreDNS under coredns/coredns when the repository is
 * registry.k8s.io, and pause. Only for the releases of {@link Releases#KUBERNETES}, whose pinned
 * versions are known (each checked against that release's own kubeadm).
 */
public final class KubeadmImages {
  /** kubeadm's constants.CoreDNSVersion of each release kubeha lists. */
  static final Map<String, String> COREDNS = Map.of("1.37.2", "v1.14.6", "1.36.3", "v1.14.2");

  private KubeadmImages() {}

  /** The release's pinned versions, when kubeha lists it. */
  public static Optional<KubernetesRelease> release(String version) {
    return Releases.KUBERNETES.stream().filter(r -> r.version().equals(version)).findFirst();
  }

  /** The newest release kubeha lists of the minor after version's, e.g. 1.37.2 for 1.36.3. */
  public static Optional<KubernetesRelease> nextMinor(String version) {
    String[] parts = version.split("\\.");
    String next = parts[0] + "." + (Integer.parseInt(parts[1]) + 1) + ".";
    return Releases.KUBERNETES.stream().filter(r -> r.version().startsWith(next)).findFirst();
  }

  /** Whether kubeha knows the images of version's kubeadm. */
  public static boolean known(String version) {
    return release(version).isPresent() && COREDNS.containsKey(version);
  }

  /** kubeadm's image list, or IllegalArgumentException naming the releases kubeha knows. */
  public static List<String> of(String version, String imageRepository) {
    if (!known(version)) {
      throw unknown(version);
    }
    KubernetesRelease r = release(version).orElseThrow();
    String coredns = COREDNS.get(version);
    String repo =
        imageRepository == null ? KubernetesSpec.DEFAULT_IMAGE_REPOSITORY : imageRepository;
    String dnsRepo =
        KubernetesSpec.DEFAULT_IMAGE_REPOSITORY.equals(repo) ? repo + "/coredns" : repo;
    return List.of(
        repo + "/kube-apiserver:v" + version,
        repo + "/kube-controller-manager:v" + version,
        repo + "/kube-scheduler:v" + version,
        repo + "/kube-proxy:v" + version,
        dnsRepo + "/coredns:" + coredns,
        repo + "/pause:" + r.pause(),
        repo + "/etcd:" + r.etcd() + "-0");
  }

  private static IllegalArgumentException unknown(String version) {
    return new IllegalArgumentException(
        "spec.kubernetes.version: kubeha knows the images kubeadm "
            + version
            + " runs only for the releases it lists ("
            + String.join(
                ", ", Releases.KUBERNETES.stream().map(KubernetesRelease::version).toList())
            + "; ./kubeha versions)");
  }
}
