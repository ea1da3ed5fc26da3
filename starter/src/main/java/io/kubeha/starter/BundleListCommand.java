package io.kubeha.starter;

import io.kubeha.bundle.BundleEntry;
import io.kubeha.bundle.BundleImage;
import io.kubeha.bundle.BundleIndex;
import io.kubeha.bundle.BundleReader;
import io.kubeha.bundle.Progress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** kubeha bundle list FILE: what a bundle holds, from its index. */
@Command(
    name = "list",
    header = "Print what a bundle holds",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha bundle list cluster.bundle",
      "  ./kubeha bundle list cluster.bundle -o json"
    },
    mixinStandardHelpOptions = true,
    description =
        "Prints the bundle's index (checked against its SHA-256; the entries are not read: bundle"
            + " verify does that): each entry with its size and source, then the images.")
public final class BundleListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOption output;

  @Parameters(paramLabel = "BUNDLE", description = "The bundle file.")
  Path bundle;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(bundle)) {
      throw new BadInputException(bundle + ": no such file");
    }
    BundleIndex index = BundleReader.index(bundle);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(Json.pretty(index));
    } else {
      lines(index).forEach(out::println);
    }
    out.flush();
    return ExitCodes.OK;
  }

  static List<String> lines(BundleIndex index) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Cluster "
            + index.cluster()
            + ", Kubernetes "
            + String.join(", ", index.kubernetesVersions())
            + ": "
            + index.entries().size()
            + " entries, "
            + Progress.size(index.totalSize()));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ENTRY", "SIZE", "SOURCE"));
    for (BundleEntry e : index.entries()) {
      rows.add(List.of(e.name(), Progress.size(e.size()), e.source()));
    }
    lines.addAll(Columns.aligned(rows, "", 2));
    List<List<String>> images = new ArrayList<>();
    images.add(List.of("IMAGE", "DIGEST", "SOURCE"));
    for (BundleImage i : index.images()) {
      images.add(List.of(i.name(), i.digest(), i.source()));
    }
    lines.add("");
    lines.addAll(Columns.aligned(images, "", 2));
    index.osPackages().forEach(p -> lines.add("needs from the OS: " + p));
    index.notes().forEach(n -> lines.add("note: " + n));
    return lines;
  }
}
