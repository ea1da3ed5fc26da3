package io.kubeha.starter;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** kubeha list: every kubeha run on the server with its state and KubehaPhase, newest first. */
@Command(
    name = "list",
    header = "List the clusters kubeha runs operations for",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha list", "  ./kubeha list --output json"},
    mixinStandardHelpOptions = true,
    description = {
      "Lists every kubeha run on the Temporal server, newest first, with its phase"
          + " (the KubehaPhase search attribute).",
      "Temporal's own CLI: temporal workflow list --query \"" + ClusterRuns.QUERY + "\""
    })
public final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TemporalOptions temporal;
  @Mixin OutputOption output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalConnection connection = temporal.connect(spec.commandLine().getErr(), false)) {
      List<RunSummary> runs = ClusterRuns.list(connection);
      if (output.json()) {
        out.println(Json.pretty(runs));
      } else if (runs.isEmpty()) {
        out.println(
            "No kubeha runs on Temporal at "
                + connection.address()
                + "; start one with ./kubeha up -f FILE");
      } else {
        table(runs).forEach(out::println);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static List<String> table(List<RunSummary> runs) {
    int cw =
        Math.max(
            "CLUSTER".length(), runs.stream().mapToInt(r -> r.cluster().length()).max().orElse(0));
    int sw =
        Math.max(
            "STATUS".length(), runs.stream().mapToInt(r -> r.status().length()).max().orElse(0));
    int pw =
        Math.max(
            "PHASE".length(),
            runs.stream().mapToInt(r -> String.valueOf(r.phase()).length()).max().orElse(0));
    String format = "%-" + cw + "s  %-" + sw + "s  %-" + pw + "s  %-20s  %s";
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(format, "CLUSTER", "STATUS", "PHASE", "STARTED", "RUN").stripTrailing());
    runs.forEach(
        r ->
            lines.add(
                String.format(
                    format,
                    r.cluster(),
                    r.status(),
                    r.phase() == null ? "-" : r.phase(),
                    r.started(),
                    r.runId())));
    return lines;
  }
}
