package io.kubeha.bundle;

import java.util.List;

/**
 * What a bundle holds, its first entry: every entry with size, SHA-256 and source, and what they
 * are (the plan's release files, the apt repositories and their packages, the images).
 *
 * <p>osPackages are the packages' dependencies the Kubernetes repository does not ship (iptables,
 * socat, ...): the nodes' own apt sources must have them. notes say what was left out and why.
 */
public record BundleIndex(
    String format,
    String cluster,
    List<String> kubernetesVersions,
    List<BundleEntry> entries,
    List<BundleFile> files,
    List<String> aptRepositories,
    List<BundlePackage> packages,
    List<BundleImage> images,
    List<String> osPackages,
    List<String> notes) {

  public static final String FORMAT = "kubeha-bundle/v1";

  public BundleIndex {
    entries = List.copyOf(entries);
    files = files == null ? List.of() : List.copyOf(files);
    aptRepositories = aptRepositories == null ? List.of() : List.copyOf(aptRepositories);
    packages = packages == null ? List.of() : List.copyOf(packages);
    images = images == null ? List.of() : List.copyOf(images);
    osPackages = osPackages == null ? List.of() : List.copyOf(osPackages);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  public long totalSize() {
    return entries.stream().mapToLong(BundleEntry::size).sum();
  }
}
