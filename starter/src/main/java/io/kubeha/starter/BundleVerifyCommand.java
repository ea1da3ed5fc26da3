package io.kubeha.starter;

import io.kubeha.bundle.BundleReader;
import io.kubeha.bundle.Progress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** kubeha bundle verify FILE: every entry against the index, and the index against its SHA-256. */
@Command(
    name = "verify",
    header = "Check every entry of a bundle against its index",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha bundle verify cluster.bundle"},
    mixinStandardHelpOptions = true,
    description =
        "Reads the whole bundle once: the index against its own SHA-256, then each entry's size and"
            + " SHA-256 against the index; an entry missing, added or twice is a problem too. Exits 0"
            + " when all is well, 1 naming each corrupt entry.")
public final class BundleVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "BUNDLE", description = "The bundle file.")
  Path bundle;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(bundle)) {
      throw new BadInputException(bundle + ": no such file");
    }
    BundleReader.Report r = BundleReader.verify(bundle);
    PrintWriter out = spec.commandLine().getOut();
    if (r.ok()) {
      out.println(
          "OK "
              + bundle
              + ": "
              + r.checked()
              + " entries, "
              + Progress.size(r.bytes())
              + ", each as its index says");
      out.flush();
      return ExitCodes.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    r.problems().forEach(p -> err.println("corrupt " + bundle + ": " + p));
    err.flush();
    return ExitCodes.FAILURE;
  }
}
