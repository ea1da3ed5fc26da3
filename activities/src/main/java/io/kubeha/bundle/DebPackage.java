package io.kubeha.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One stanza of a Packages file: what a .deb is and where the repository has it. */
record DebPackage(
    String name,
    DebVersion version,
    String architecture,
    String filename,
    long size,
    String sha256,
    String depends) {

  /** Every stanza of a Packages file; one without Filename, Size or SHA256 is refused. */
  static List<DebPackage> parseAll(String packages, String from) {
    List<DebPackage> all = new ArrayList<>();
    for (Map<String, String> s : DebControl.parse(packages)) {
      String name = s.get("Package");
      if (name == null || s.get("Filename") == null || s.get("SHA256") == null) {
        throw new BundleException(
            from + ": a stanza lacks Package, Filename or SHA256 (" + s.get("Package") + ")");
      }
      String depends =
          String.join(
              ", ",
              List.of(s.getOrDefault("Pre-Depends", ""), s.getOrDefault("Depends", "")).stream()
                  .filter(d -> !d.isBlank())
                  .toList());
      all.add(
          new DebPackage(
              name,
              DebVersion.parse(s.get("Version")),
              s.getOrDefault("Architecture", ""),
              s.get("Filename"),
              Long.parseLong(s.getOrDefault("Size", "-1").strip()),
              s.get("SHA256").strip().toLowerCase(java.util.Locale.ROOT),
              depends));
    }
    return all;
  }

  /** The repository-relative path ("./kubeadm_1.37.2-1.1_amd64.deb" → "kubeadm_..."). */
  String relativePath() {
    return filename.startsWith("./") ? filename.substring(2) : filename;
  }
}
