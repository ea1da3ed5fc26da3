package io.kubeha.starter;

import io.kubeha.plan.Action;
import io.kubeha.plan.Download;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.Step;
import io.kubeha.plan.WorkerFile;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Task;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a plan for people: per phase and host, each step's files, downloads and commands; then the
 * order they run in, the bring-up graph's levels. A worker file (a registry mirror's credentials or
 * CA) shows where the worker reads it, never what it holds.
 */
public final class PlanPrinter {
  private static final int SHA_PREFIX = 12;

  private final PrintWriter out;

  public PlanPrinter(PrintWriter out) {
    this.out = out;
  }

  public void print(Plan plan, BringUpGraph graph) {
    out.println(
        "Plan for cluster "
            + plan.cluster()
            + ", control-plane endpoint "
            + plan.controlPlaneEndpoint());
    out.println("Nothing was contacted. --json prints the whole plan, file contents included.");
    for (Phase phase : Phase.values()) {
      if (plan.hosts().stream().allMatch(h -> h.steps(phase).isEmpty())) {
        continue;
      }
      out.println();
      out.println("== " + (phase.ordinal() + 1) + ". " + phase.title() + " ==");
      for (HostPlan host : plan.hosts()) {
        List<Step> steps = host.steps(phase);
        if (!steps.isEmpty()) {
          out.println(host.host() + " (" + host.address() + ")");
          steps.forEach(this::step);
        }
      }
    }
    order(graph);
    out.flush();
  }

  /**
   * One line per level of the graph: everything on a line may run at once, once the lines above are
   * done (a host's own work, the time server, init and the joins wait only for what they need).
   */
  private void order(BringUpGraph graph) {
    out.println();
    out.println("== Order: each line may start once the lines above it are done ==");
    List<List<Task>> levels = graph.levels();
    for (int i = 0; i < levels.size(); i++) {
      Map<Phase, List<String>> byPhase = new EnumMap<>(Phase.class);
      levels
          .get(i)
          .forEach(
              t ->
                  byPhase
                      .computeIfAbsent(t.phase(), p -> new ArrayList<>())
                      .add(t.clusterWide() ? "cluster" : t.host()));
      List<String> parts = new ArrayList<>();
      byPhase.forEach((phase, hosts) -> parts.add(phase.title() + ": " + String.join(", ", hosts)));
      out.println((i + 1) + ". " + String.join("; ", parts));
    }
  }

  private void step(Step step) {
    out.println("  " + step.id() + ": " + step.title());
    for (FileSpec f : step.files()) {
      out.println("    " + file(f));
    }
    if (step.bundle() != null) {
      out.println(
          "    bundle "
              + step.bundle().source()
              + " unpacked into "
              + step.bundle().directory()
              + " (each entry checked there), its images' locations in "
              + step.bundle().locations());
    }
    for (WorkerFile f : step.workerFiles()) {
      out.println(
          "    file "
              + f.path()
              + "  "
              + f.mode()
              + " "
              + f.owner()
              + "  completed on the worker from "
              + f.source());
      if (f.template() != null) {
        // The content is short and its sha256 unknown until then: show it, with the placeholder.
        out.println(indent(f.template(), "      | ", "      | "));
      }
    }
    for (Download d : step.downloads()) {
      out.println("    get  " + d.path() + "  from " + d.url() + "  sha256 " + prefix(d.sha256()));
    }
    for (Action a : step.actions()) {
      out.println(
          "    run  "
              + a.name()
              + (a.detached() ? " (detached)" : "")
              + (a.check() == null ? " (on change)" : ""));
      if (a.check() != null) {
        out.println(indent(a.check(), "      unless $ ", "        "));
      }
      out.println(indent(a.run(), "      $ ", "        "));
    }
  }

  /** "file PATH MODE OWNER sha256 PREFIX… SIZE B": what a step holds, without its content. */
  static String file(FileSpec f) {
    int size = f.content() == null ? 0 : f.content().getBytes(StandardCharsets.UTF_8).length;
    return "file "
        + f.path()
        + "  "
        + f.mode()
        + " "
        + f.owner()
        + "  sha256 "
        + prefix(f.sha256())
        + "  "
        + size
        + " B";
  }

  private static String prefix(String sha) {
    return sha == null ? "(none)" : sha.substring(0, Math.min(SHA_PREFIX, sha.length())) + "…";
  }

  /** text after first, each further line after rest. */
  static String indent(String text, String first, String rest) {
    String body = text == null ? "" : text.strip();
    return first + body.replace("\n", "\n" + rest);
  }
}
