package io.kubeha.starter;

import io.kubeha.plan.KubernetesRelease;
import io.kubeha.plan.Releases;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * kubeha versions: the Kubernetes releases kubeha is tested with, and the runtime versions whose
 * checksums it knows.
 */
@Command(
    name = "versions",
    header = "List the versions kubeha knows, with checksum sources",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha versions", "  ./kubeha versions --output json"},
    mixinStandardHelpOptions = true,
    description = {
      "Prints the Kubernetes releases kubeha was tested with and the containerd, runc, CNI plugin and",
      "Calico versions whose SHA-256 it knows (with the source of each value); marks the defaults."
    })
public final class VersionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOption output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Releases.Artifact> artifacts = Releases.artifacts();
    if (output.json()) {
      out.println(Json.pretty(Map.of("kubernetes", Releases.KUBERNETES, "artifacts", artifacts)));
    } else {
      out.println(
          "Kubernetes (kubelet, kubeadm and kubectl from the pkgs.k8s.io repository of the minor version):");
      for (KubernetesRelease r : Releases.KUBERNETES) {
        out.printf(
            "  %-8s %-8s etcd %-6s pause %-7s %s%n",
            r.version(), r.isDefault() ? "default" : "", r.etcd(), r.pause(), r.note());
      }
      out.println(
          "  Other versions from 1.31.0 on are accepted (kubeadm's v1beta4 config); the kubeadm of each");
      out.println("  minor decides which control plane versions it deploys.");
      out.println();
      out.println(
          "Container runtime and CNI add-on (SHA-256 known; another version needs spec.artifacts.checksums):");
      for (Releases.Artifact a : artifacts) {
        out.printf(
            "  %-11s %-7s %-8s %s%n",
            a.component(), a.version(), a.isDefault() ? "default" : "", a.sha256());
        out.printf("  %-28s from %s%n", "", a.source().replaceFirst("^Source: ", ""));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
