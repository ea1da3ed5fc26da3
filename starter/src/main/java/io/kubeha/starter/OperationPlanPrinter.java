package io.kubeha.starter;

import io.kubeha.plan.FileSpec;
import io.kubeha.plan.daytwo.HostTurn;
import io.kubeha.plan.daytwo.OperationPlan;
import io.kubeha.plan.daytwo.PlannedCommand;
import io.kubeha.plan.daytwo.PlannedStep;
import io.kubeha.plan.daytwo.Wave;
import java.io.PrintWriter;

/**
 * Prints a day-2 operation's plan for people: its waves in order, each wave's hosts and how many at
 * once, each host's steps with the commands they run and what they wait for.
 */
final class OperationPlanPrinter {
  private final PrintWriter out;

  OperationPlanPrinter(PrintWriter out) {
    this.out = out;
  }

  void print(OperationPlan plan) {
    out.println("Plan of " + plan.summary() + ": what runs, on which host, in which order.");
    out.println("Nothing was contacted. --json prints the plan as data.");
    plan.placeholders().forEach(p -> out.println("  " + p));
    for (int i = 0; i < plan.waves().size(); i++) {
      wave(i + 1, plan.waves().get(i));
    }
    out.flush();
  }

  private void wave(int number, Wave wave) {
    out.println();
    out.println("== " + number + ". " + wave.phase().title() + pace(wave) + " ==");
    if (wave.note() != null) {
      out.println(wave.note());
    }
    for (HostTurn turn : wave.hosts()) {
      out.println(turn.host());
      turn.steps().forEach(s -> step(turn.host(), s));
    }
  }

  /** How the wave's hosts take turns; nothing to say for one host. */
  private static String pace(Wave wave) {
    if (wave.hosts().size() < 2) {
      return "";
    }
    if (wave.atOnce() == 1) {
      return ", one host at a time";
    }
    return wave.atOnce() >= wave.hosts().size()
        ? ", all at once"
        : ", at most " + wave.atOnce() + " at once";
  }

  private void step(String host, PlannedStep step) {
    out.println("  " + step.name() + (step.on().equals(host) ? "" : ", on " + step.on()));
    for (FileSpec f : step.files()) {
      out.println("    " + PlanPrinter.file(f));
    }
    step.commands().forEach(this::command);
  }

  private void command(PlannedCommand c) {
    if (c.run() == null) {
      out.println("    waits for " + c.waitsFor());
      return;
    }
    if (c.unless() != null) {
      out.println(PlanPrinter.indent(c.unless(), "    unless $ ", "        "));
    }
    String tag = c.detached() ? "detached " : c.onChange() ? "on change " : "";
    out.println(PlanPrinter.indent(c.run(), "    " + tag + "$ ", "      "));
    if (c.input() != null) {
      out.println("      < " + c.input());
    }
    if (c.waitsFor() != null) {
      out.println("    then waits for " + c.waitsFor());
    }
  }
}
