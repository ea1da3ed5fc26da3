package io.kubeha.starter;

import io.kubeha.inventory.InventoryWarnings;
import io.kubeha.inventory.LoadResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kubeha validate -f FILE: every problem of an inventory at once, or a one-line summary. */
@Command(
    name = "validate",
    header = "Check an inventory; nothing is contacted",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha validate -f cluster.yaml",
      "  ./kubeha validate -f cluster.yaml --skip-ssh-files --output json"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Checks an inventory without contacting any host: exit 0 when valid, 2 with every problem otherwise.",
      "Each problem prints as  path: message — fix."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin OutputOption output;

  @Option(
      names = "--skip-ssh-files",
      description =
          "Do not check that the SSH key and known_hosts files, and the registry mirrors' caFile"
              + " and credentialsFile, are readable here (when validating on another machine than"
              + " the worker's).")
  boolean skipSshFiles;

  @Override
  public Integer call() {
    LoadResult loaded = InventoryFile.load(inventory.file(), !skipSshFiles);
    ValidationReport report = ValidationReport.of(inventory.file().toString(), loaded);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(Json.pretty(report));
    } else if (report.valid()) {
      out.println(report.summary());
    } else {
      report.problems().forEach(out::println);
      out.println(inventory.file() + ": " + InventoryFile.count(report.problems().size()));
    }
    out.flush();
    if (loaded.ok()) {
      // A warning, not a problem: the inventory is valid, the cluster just needs its upgrade.
      UpstreamSupport.warning(
              loaded.inventory().spec().kubernetes().version(), java.time.LocalDate.now())
          .ifPresent(w -> spec.commandLine().getErr().println("warning: " + w));
      InventoryWarnings.of(loaded.inventory())
          .forEach(w -> spec.commandLine().getErr().println("warning: " + w));
      spec.commandLine().getErr().flush();
    }
    return report.valid() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
  }
}
