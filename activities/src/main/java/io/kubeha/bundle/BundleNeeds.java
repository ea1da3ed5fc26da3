package io.kubeha.bundle;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.plan.Artifacts;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.plan.Download;
import io.kubeha.plan.FlannelManifest;
import io.kubeha.plan.KubeadmImages;
import io.kubeha.plan.KubernetesRelease;
import io.kubeha.plan.MissingChecksumException;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a bundle for an inventory holds, decided from the inventory alone: the plan's release files
 * (a file without a known SHA-256 stops it, as it stops the plan), the Kubernetes releases whose
 * packages and images it needs, and the images the cluster runs.
 *
 * <p>etcd's tarball (backups and restores) is taken when its SHA-256 is known, and left out with a
 * note otherwise: no public table lists it for etcd 3.6 and 3.7.
 */
public record BundleNeeds(
    List<ReleaseFiles.Wanted> files,
    List<String> versions,
    List<String> images,
    List<String> notes) {

  public static BundleNeeds of(Inventory inv, boolean withNextMinor) {
    KubernetesSpec k = inv.spec().kubernetes();
    List<String> versions = new ArrayList<>(List.of(k.version()));
    if (withNextMinor) {
      versions.add(
          KubeadmImages.nextMinor(k.version())
              .map(KubernetesRelease::version)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--with-next-minor: kubeha lists no release of the minor after "
                              + k.version()
                              + " (./kubeha versions)")));
    }
    Map<String, ReleaseFiles.Wanted> files = new LinkedHashMap<>();
    for (var host : PlanRenderer.render(inv).hosts()) {
      for (Step step : host.steps()) {
        step.downloads().forEach(d -> files.putIfAbsent(d.name(), wanted(inv, d)));
      }
    }
    List<String> notes = new ArrayList<>();
    Set<String> images = new LinkedHashSet<>();
    for (String v : versions) {
      etcd(inv, v, files, notes);
      images.addAll(KubeadmImages.of(v, k.imageRepository()));
    }
    images.add(inv.spec().containerRuntime().pauseImage());
    if (KubernetesSpec.FLANNEL.equals(k.cni())) {
      images.add(FlannelManifest.flannelImage(k.cniVersion()));
      images.add(FlannelManifest.cniPluginImage(k.cniVersion()));
    } else {
      notes.add("Calico's images are the ones its manifest (in the bundled archive) names");
    }
    images.add(CheckWorkload.DEFAULT_IMAGE);
    return new BundleNeeds(
        List.copyOf(files.values()), List.copyOf(versions), List.copyOf(images), notes);
  }

  private static void etcd(
      Inventory inv, String version, Map<String, ReleaseFiles.Wanted> files, List<String> notes) {
    String etcd = KubeadmImages.release(version).orElseThrow().etcd();
    try {
      Download d = Artifacts.etcd(inv, etcd);
      files.putIfAbsent(d.name(), wanted(inv, d));
    } catch (MissingChecksumException e) {
      notes.add(
          "etcd-v"
              + etcd
              + "-linux-amd64.tar.gz (etcdctl and etcdutl, for backup and restore) is"
              + " not bundled: its SHA-256 is not known; add spec.artifacts.checksums to take it");
    }
  }

  private static ReleaseFiles.Wanted wanted(Inventory inv, Download d) {
    return new ReleaseFiles.Wanted(d.name(), Artifacts.releasePath(inv, d), d.sha256());
  }
}
