package io.kubeha.starter;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** kubeha bundle: one file with everything an air-gapped cluster needs (create, verify, list). */
@Command(
    name = "bundle",
    header = "One file for an air-gapped install (bundle create, verify, list)",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha bundle --help",
      "  ./kubeha bundle create -f cluster.yaml -o cluster.bundle",
      "  ./kubeha bundle verify cluster.bundle",
      "  ./kubeha bundle list cluster.bundle -o json"
    },
    mixinStandardHelpOptions = true,
    subcommands = {BundleCreateCommand.class, BundleVerifyCommand.class, BundleListCommand.class},
    description = {
      "A bundle is one tar file with an index (name, size, SHA-256 and source of every entry): the"
          + " plan's release files laid out like the release mirror, the Kubernetes packages in an apt"
          + " repository laid out like pkgs.k8s.io, and every image the cluster runs in an OCI image"
          + " layout, by digest. See docs/bundle.md.",
      "Serving it to a cluster (up --bundle) is not done yet."
    })
public final class BundleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }
}
