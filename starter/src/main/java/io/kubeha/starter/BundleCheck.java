package io.kubeha.starter;

import io.kubeha.bundle.BundleException;
import io.kubeha.bundle.BundleReader;
import io.kubeha.inventory.Inventory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before `up` starts anything with spec.artifacts.bundle: the file is there, whole (every entry
 * against the index, as `bundle verify`), and made for the inventory's Kubernetes version.
 */
final class BundleCheck {
  private BundleCheck() {}

  static void require(Inventory inv, boolean graph, PrintWriter out) {
    String file = inv.spec().artifacts().bundle();
    if (file == null) {
      return;
    }
    if (!graph) {
      throw new BadInputException(
          "--phase-by-phase: with spec.artifacts.bundle the nodes' prep waits for the load"
              + " balancers to serve the bundle, an order only the graph keeps — drop"
              + " --phase-by-phase");
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new BadInputException(
          "spec.artifacts.bundle: "
              + file
              + " is not a readable file — make it with ./kubeha"
              + " bundle create -f INVENTORY -o "
              + file);
    }
    out.println("Checking the bundle " + file + " ...");
    out.flush();
    BundleReader.Report report;
    try {
      report = BundleReader.verify(path);
    } catch (BundleException e) {
      throw new BadInputException("spec.artifacts.bundle: " + e.getMessage());
    }
    if (!report.ok()) {
      throw new BadInputException(
          "spec.artifacts.bundle: "
              + file
              + " is damaged, nothing was started:\n  "
              + String.join("\n  ", report.problems())
              + "\nmake it again with ./kubeha bundle create");
    }
    String version = inv.spec().kubernetes().version();
    if (!report.index().kubernetesVersions().contains(version)) {
      throw new BadInputException(
          "spec.artifacts.bundle: "
              + file
              + " holds Kubernetes "
              + String.join(", ", report.index().kubernetesVersions())
              + ", the inventory asks for "
              + version
              + " — make the bundle from this inventory");
    }
    out.printf(
        "Bundle %s: %d entries, %.1f MB, checked%n", file, report.checked(), report.bytes() / 1e6);
    out.flush();
  }
}
