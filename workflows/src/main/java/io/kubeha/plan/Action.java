package io.kubeha.plan;

/**
 * A remote shell command with its idempotency guard.
 *
 * <p>check: a command that exits 0 when the effect is already there; the action is skipped then.
 * Without a check the action runs only when the step changed a file or download in this run (or an
 * earlier, interrupted run left the step pending), like a handler. run: applies the effect. verify:
 * must exit 0 afterwards (null: none). detached: run under a lock with a marker and a log on the
 * host, surviving a dropped connection, never started twice (apt, kubeadm). All commands run as
 * root (through sudo for a non-root user) under /bin/sh -c.
 */
public record Action(
    String name, String check, String run, String verify, boolean detached, int timeoutSeconds) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 300;

  public static Action guarded(String name, String check, String run) {
    return new Action(name, check, run, check, false, DEFAULT_TIMEOUT_SECONDS);
  }

  public static Action onChange(String name, String run) {
    return new Action(name, null, run, null, false, DEFAULT_TIMEOUT_SECONDS);
  }
}
