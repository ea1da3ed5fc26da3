package io.kubeha.starter;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** kubeha kubeconfig [CLUSTER]: where the cluster's admin.conf was saved. */
@Command(
    name = "kubeconfig",
    header = "Print the path of a cluster's saved admin kubeconfig",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  export KUBECONFIG=$(./kubeha kubeconfig prod-a)"},
    mixinStandardHelpOptions = true,
    description = {
      "Prints the path of the cluster's admin.conf, saved when kubeadm init ran.",
      "Exit 2 when there is none yet. Temporal is contacted only when CLUSTER is not named."
    })
public final class KubeconfigCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterArgument cluster;
  @Mixin TemporalOptions temporal;

  @Override
  public Integer call() {
    String name = cluster.named();
    if (name == null) {
      try (TemporalConnection connection = temporal.connect(spec.commandLine().getErr(), false)) {
        name = cluster.resolve(connection);
      }
    }
    Path adminConf = RunStarter.adminConf(name);
    if (!Files.isRegularFile(adminConf)) {
      throw new BadInputException(
          "no admin.conf for cluster "
              + name
              + " at "
              + adminConf
              + " (the worker saves it there once kubeadm init has run)");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(adminConf);
    out.flush();
    return ExitCodes.OK;
  }
}
