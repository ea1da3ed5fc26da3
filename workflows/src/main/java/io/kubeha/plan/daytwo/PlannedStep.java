package io.kubeha.plan.daytwo;

import io.kubeha.plan.Action;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.Step;
import java.util.List;

/**
 * One step of a host's turn, named as the hosts board shows it: the files it holds and its
 * commands, in order, all on host on (the host itself, or the control plane that acts for it).
 */
public record PlannedStep(
    String name, String on, List<FileSpec> files, List<PlannedCommand> commands) {

  public PlannedStep {
    files = List.copyOf(files);
    commands = List.copyOf(commands);
  }

  public static PlannedStep of(String name, String on, PlannedCommand... commands) {
    return new PlannedStep(name, on, List.of(), List.of(commands));
  }

  /** A plan step as the step executor applies it: its files, then its actions. */
  public static PlannedStep of(Step step, String on) {
    if (!step.downloads().isEmpty() || !step.workerFiles().isEmpty()) {
      throw new IllegalArgumentException(
          step.id() + ": a day-2 step holds files and runs actions; it downloads nothing");
    }
    return new PlannedStep(
        step.id(), on, step.files(), step.actions().stream().map(PlannedStep::command).toList());
  }

  private static PlannedCommand command(Action a) {
    String verify = a.verify() == null || a.verify().equals(a.check()) ? null : a.verify();
    return new PlannedCommand(
        a.check(),
        a.run(),
        a.detached(),
        a.check() == null,
        null,
        verify == null ? null : "`" + verify + "` exits 0");
  }
}
