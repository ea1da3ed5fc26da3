package io.kubeha.bundle;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * kubeha bundle create: collects what the inventory's cluster needs into FILE.partial (verified
 * entries there are not fetched again), then writes the one archive and FILE.sha256 beside it.
 */
public final class BundleCreator {
  private final HttpFetch http;
  private final Progress progress;

  public BundleCreator(HttpFetch http, Progress progress) {
    this.http = http;
    this.progress = progress;
  }

  /** The bundle written: its index, the archive's SHA-256 and size. */
  public record Result(Path bundle, BundleIndex index, String sha256, long size, String fetched) {}

  public Result create(Inventory inv, BundleSources sources, boolean withNextMinor, Path output) {
    BundleNeeds needs = BundleNeeds.of(inv, withNextMinor);
    Staging staging = new Staging(partialDir(output), progress);
    progress.line(
        "Bundle for cluster "
            + inv.clusterName()
            + " (Kubernetes "
            + String.join(", ", needs.versions())
            + "): "
            + needs.files().size()
            + " release files from "
            + sources.mirror(inv)
            + ", packages from "
            + sources.apt(inv)
            + ", "
            + needs.images().size()
            + " images");
    List<BundleEntry> entries = new ArrayList<>();
    List<String> notes = new ArrayList<>(needs.notes());
    List<BundleFile> files =
        new ReleaseFiles(http, staging).collect(sources.mirror(inv), needs.files(), entries);
    AptRepository apt = new AptRepository(http, staging);
    List<String> repositories = new ArrayList<>();
    List<BundlePackage> packages = new ArrayList<>();
    Set<String> fromOs = new LinkedHashSet<>();
    for (String version : needs.versions()) {
      String minor = version.substring(0, version.lastIndexOf('.'));
      AptRepository.Collected c = apt.collect(sources.apt(inv), minor, version, entries, notes);
      repositories.add(c.repository());
      packages.addAll(c.packages());
      fromOs.addAll(c.fromOs());
    }
    ImageCollector images = new ImageCollector(staging, sources.registries(inv, http));
    List<BundleImage> taken = new ArrayList<>();
    for (String image : images(inv, needs, files, staging)) {
      progress.line("image    " + image);
      taken.add(images.collect(image, entries));
    }
    OciLayout.write(staging, taken, entries, "kubeha");
    BundleIndex index =
        new BundleIndex(
            BundleIndex.FORMAT,
            inv.clusterName(),
            needs.versions(),
            unique(entries),
            files,
            repositories,
            packages,
            taken,
            List.copyOf(fromOs),
            notes);
    return write(staging, index, output);
  }

  private Result write(Staging staging, BundleIndex index, Path output) {
    progress.line(
        "writing  "
            + output
            + " ("
            + index.entries().size()
            + " entries, "
            + Progress.size(index.totalSize())
            + ")");
    try {
      String sha256 = BundleWriter.write(staging.dir(), index, output);
      Files.writeString(
          output.resolveSibling(output.getFileName() + ".sha256"),
          sha256 + "  " + output.getFileName() + "\n",
          StandardCharsets.UTF_8);
      String fetched = staging.summary();
      deleteTree(staging.dir());
      return new Result(output, index, sha256, Files.size(output), fetched);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    }
  }

  /** The plan's images, and Calico's from its manifest when the CNI is Calico. */
  private static List<String> images(
      Inventory inv, BundleNeeds needs, List<BundleFile> files, Staging staging) {
    Set<String> all = new LinkedHashSet<>(needs.images());
    KubernetesSpec k = inv.spec().kubernetes();
    if (!KubernetesSpec.FLANNEL.equals(k.cni())) {
      files.stream()
          .filter(f -> f.name().equals("calico-" + k.cniVersion() + ".tar.gz"))
          .forEach(f -> all.addAll(CalicoImages.in(staging.path(f.entry()))));
    }
    return List.copyOf(all);
  }

  public static Path partialDir(Path output) {
    return output.resolveSibling(output.getFileName() + ".partial");
  }

  /** Blobs shared by images are one entry. */
  private static List<BundleEntry> unique(List<BundleEntry> entries) {
    Map<String, BundleEntry> byName = new LinkedHashMap<>();
    entries.forEach(e -> byName.putIfAbsent(e.name(), e));
    return List.copyOf(byName.values());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
