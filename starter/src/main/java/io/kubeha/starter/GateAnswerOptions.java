package io.kubeha.starter;

import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** --yes and --detach of an operation that waits at its approval gate (a mixin). */
final class GateAnswerOptions {
  @Option(
      names = {"-y", "--yes"},
      description = "Approve the run at its gate without asking.")
  boolean yes;

  @Option(
      names = {"-d", "--detach"},
      description =
          "Start the run and return without watching it (without --yes, it waits at its gate).")
  boolean detach;

  /**
   * Refuses, before anything starts, to ask without a terminal: a run would wait at its gate with
   * nobody to approve it.
   */
  void require(String what) {
    if (nobodyToAsk()) {
      throw new BadInputException(
          "no terminal to ask for the approval of the "
              + what
              + "; pass --yes to approve it (or --detach and approve it later with ./kubeha"
              + " approve)");
    }
  }

  /** As {@link #require(String)}, showing the plan first so the refusal says what it would do. */
  void require(String what, Supplier<String> plan, PrintWriter out) {
    if (nobodyToAsk()) {
      out.print(plan.get());
      out.flush();
    }
    require(what);
  }

  private boolean nobodyToAsk() {
    return !yes && !detach && !Prompt.available();
  }
}
