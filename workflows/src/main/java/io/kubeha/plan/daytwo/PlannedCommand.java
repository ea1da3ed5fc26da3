package io.kubeha.plan.daytwo;

/**
 * A command of a step, as it runs (as root, under /bin/sh -c). unless: a command that exits 0 when
 * the effect is there already, and the run is skipped; detached: run under a lock with its log on
 * the host, surviving a dropped connection; onChange: runs only when the step changed a file;
 * input: what it reads on stdin; waitsFor: what the step then waits for. A null run is a wait only.
 */
public record PlannedCommand(
    String unless, String run, boolean detached, boolean onChange, String input, String waitsFor) {

  public static PlannedCommand run(String run) {
    return new PlannedCommand(null, run, false, false, null, null);
  }

  public static PlannedCommand detached(String run) {
    return new PlannedCommand(null, run, true, false, null, null);
  }

  /** No command: the step waits for what. */
  public static PlannedCommand waitFor(String what) {
    return new PlannedCommand(null, null, false, false, null, what);
  }

  public PlannedCommand unless(String check) {
    return new PlannedCommand(check, run, detached, onChange, input, waitsFor);
  }

  public PlannedCommand reading(String stdin) {
    return new PlannedCommand(unless, run, detached, onChange, stdin, waitsFor);
  }

  public PlannedCommand then(String what) {
    return new PlannedCommand(unless, run, detached, onChange, input, what);
  }
}
