package io.kubeha.starter;

import io.kubeha.bundle.BundleCreator;
import io.kubeha.bundle.BundleException;
import io.kubeha.bundle.BundleSources;
import io.kubeha.bundle.HttpFetch;
import io.kubeha.bundle.Progress;
import io.kubeha.inventory.Inventory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kubeha bundle create -f FILE -o BUNDLE: gathers what the inventory's cluster needs. */
@Command(
    name = "create",
    header = "Gather every file, package and image the cluster needs into one file",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha bundle create -f cluster.yaml -o cluster.bundle",
      "  ./kubeha bundle create -f cluster.yaml -o cluster.bundle --with-next-minor",
      "  ./kubeha bundle create -f c.yaml -o c.bundle --from-registry http://m:5000"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Collects the plan's release files (each checked against the plan's SHA-256; a file without a"
          + " known one stops it, naming the file), kubelet, kubeadm and kubectl of the inventory's"
          + " version with the packages of the same repository they depend on, the repository's"
          + " Release, signature, key and Packages (checked by the Release), and every image the"
          + " cluster runs (kubeadm's list, the pause image, the CNI's, the check workload's agnhost),"
          + " fetched by digest and checked.",
      "Each source is the --from option, else the inventory's (spec.artifacts, registryMirrors),"
          + " else the public one. Entries are gathered in BUNDLE.partial: run it again after an"
          + " interruption and only what is missing is fetched."
    })
public final class BundleCreateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "BUNDLE",
      description = "The bundle to write (BUNDLE.sha256 is written beside it).")
  Path output;

  @Option(
      names = "--from-mirror",
      paramLabel = "URL",
      description = "A release mirror laid out like github.com's releases.")
  String mirror;

  @Option(
      names = "--from-apt",
      paramLabel = "URL",
      description = "An apt repository base laid out like pkgs.k8s.io.")
  String apt;

  @Option(
      names = "--from-registry",
      paramLabel = "URL",
      description = "A registry serving every image by its path without the registry's host.")
  String registry;

  @Option(
      names = "--with-next-minor",
      description = "Also the next minor's packages and images, for ./kubeha upgrade.")
  boolean withNextMinor;

  @Override
  public Integer call() throws Exception {
    Inventory inv = InventoryFile.require(inventory.file(), false);
    BundleSources sources;
    try {
      sources =
          new BundleSources(
              BundleSources.requireUrl("--from-mirror", mirror),
              BundleSources.requireUrl("--from-apt", apt),
              BundleSources.requireUrl("--from-registry", registry));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    Path out = output.toAbsolutePath();
    if (Files.isDirectory(out) || !Files.isDirectory(out.getParent())) {
      throw new BadInputException("-o " + output + ": not a file in an existing directory");
    }
    PrintWriter w = spec.commandLine().getOut();
    Progress progress =
        line -> {
          w.println(line);
          w.flush();
        };
    Instant start = Instant.now();
    BundleCreator.Result r;
    try {
      r = new BundleCreator(new HttpFetch(), progress).create(inv, sources, withNextMinor, out);
    } catch (BundleException e) {
      throw new BundleException(
          e.getMessage()
              + "; run the same command again to go on from "
              + BundleCreator.partialDir(out));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    r.index().notes().forEach(n -> w.println("note: " + n));
    if (!r.index().osPackages().isEmpty()) {
      w.println(
          "note: the packages also need, from the nodes' own apt sources: "
              + String.join(", ", r.index().osPackages()));
    }
    w.println(
        "Wrote "
            + r.bundle()
            + ": "
            + Progress.size(r.size())
            + ", "
            + r.index().entries().size()
            + " entries, "
            + r.index().images().size()
            + " images, in "
            + seconds(Duration.between(start, Instant.now()))
            + "; "
            + r.fetched());
    w.println("SHA-256 " + r.sha256() + " (also in " + r.bundle().getFileName() + ".sha256)");
    w.flush();
    return ExitCodes.OK;
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
