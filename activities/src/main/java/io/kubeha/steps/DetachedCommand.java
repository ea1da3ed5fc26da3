package io.kubeha.steps;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.plan.daytwo.DetachedJobs;
import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;

/**
 * Runs a command on a host detached from the SSH connection, under a lock, with its output in a log
 * and its exit code written at the end, all in {@code <base>/jobs/<name>/}. A caller that lost its
 * connection (or a retried activity) re-attaches: a recorded exit code is read, a held lock means
 * still running, and only when neither is there does the command start. A job that finished with
 * failure is consumed when read, so the next attempt starts it afresh.
 */
public final class DetachedCommand {
  private static final Duration QUICK = Duration.ofSeconds(60);
  // Each poll blocks on the lock this long, so completion is seen at once, not at the next tick.
  private static final int POLL_WAIT_SECONDS = 1;
  private static final int LOG_TAIL_BYTES = 64 * 1024;

  /**
   * The exit code recorded for a job whose process vanished without recording one (host restart,
   * kill).
   */
  static final int VANISHED_EXIT_CODE = 125;

  private final String baseDir;

  public DetachedCommand(String baseDir) {
    this.baseDir = baseDir;
  }

  /** The job directory for a name such as "kubeadm-init.init". */
  public String jobDir(String name) {
    return DetachedJobs.dir(baseDir, name);
  }

  /** Where a failed run's log is kept, for the operator, until its step completes. */
  public String failedLog(String name) {
    return jobDir(name) + "/log.failed";
  }

  /**
   * Starts or re-attaches to the job and waits up to timeout for its exit code; the result carries
   * the log's tail.
   */
  public CommandResult run(RemoteShell shell, String name, String command, Duration timeout) {
    String dir = jobDir(name);
    String state =
        shell
            .runOk(
                RemoteCommand.of(startScript(dir, command), QUICK)
                    .withSummary("start or attach job " + name),
                "job " + name)
            .stdout()
            .trim();
    if (!state.equals("finished")) {
      awaitFinish(shell, name, dir, timeout);
    }
    CommandResult result =
        shell.runOk(
            RemoteCommand.of(readScript(dir), QUICK).withSummary("read job " + name),
            "job " + name);
    List<String> lines = result.stdout().lines().toList();
    int exitCode = Integer.parseInt(lines.get(0).trim());
    String log = String.join("\n", lines.subList(1, lines.size()));
    return new CommandResult(exitCode, log, "");
  }

  private void awaitFinish(RemoteShell shell, String name, String dir, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RemoteCommand poll = RemoteCommand.of(pollScript(dir), QUICK).withSummary("poll job " + name);
    while (!shell.runOk(poll, "job " + name).stdout().trim().equals("finished")) {
      shell.heartbeat().beat(shell.target().host() + ": waiting for job " + name);
      if (System.nanoTime() > deadline) {
        throw ApplicationFailure.newFailure(
            String.format(
                "%s: job %s still running after %ds; a retry re-attaches to it (log: %s/log)",
                shell.target().host(), name, timeout.toSeconds(), dir),
            RemoteShell.COMMAND_TIMED_OUT);
      }
    }
  }

  /**
   * Prints finished, running or started. fd 9 holds the lock; the job inherits it, so it stays held
   * while the job runs.
   */
  private static String startScript(String dir, String command) {
    return String.join(
        "\n",
        "set -e",
        // The job's directory, command and log are root's only (a log may show what a command
        // printed), also where an earlier kubeha left them wider; the job itself runs with the
        // host's usual umask.
        "(umask 077 && mkdir -p " + quote(dir) + ")",
        "cd " + quote(dir),
        "(umask 077 && : >> log && : >> cmd)",
        "chmod go= . log cmd",
        "exec 9>>lock",
        "if ! flock -n 9; then echo running; exit 0; fi",
        "if [ -f exit ]; then echo finished; exit 0; fi",
        "if [ -f started ]; then",
        "  echo 'kubeha: the job started earlier but its process is gone without an exit code' >> log",
        "  echo " + VANISHED_EXIT_CODE + " > exit; echo finished; exit 0",
        "fi",
        "printf '%s\\n' " + quote(command) + " > cmd",
        ": > started",
        // The job closes fd 9 for the command itself, so daemons it spawns do not hold the lock.
        "setsid nohup /bin/sh -c '/bin/sh ./cmd 9>&-; echo $? > exit.tmp; mv exit.tmp exit' </dev/null >log 2>&1 &",
        "echo started");
  }

  /** Prints finished or running, blocking on the lock up to POLL_WAIT_SECONDS. */
  private static String pollScript(String dir) {
    String d = quote(dir);
    return String.join(
        "\n",
        "if [ -f " + d + "/exit ]; then echo finished; exit 0; fi",
        "if flock -w " + POLL_WAIT_SECONDS + " " + d + "/lock true; then",
        // The lock is free: the job either just wrote its exit code, or vanished without one.
        "  [ -f " + d + "/exit ] || echo " + VANISHED_EXIT_CODE + " > " + d + "/exit",
        "  echo finished",
        "else echo running; fi");
  }

  /**
   * Prints the exit code, then the log's tail; a failed job is consumed so that the next attempt
   * starts it again.
   */
  private static String readScript(String dir) {
    String d = quote(dir);
    return String.join(
        "\n",
        "code=$(cat " + d + "/exit)",
        "echo \"$code\"",
        "tail -c " + LOG_TAIL_BYTES + " " + d + "/log 2>/dev/null || true",
        "if [ \"$code\" != 0 ]; then mv -f "
            + d
            + "/log "
            + d
            + "/log.failed 2>/dev/null || true; rm -f "
            + d
            + "/exit "
            + d
            + "/started; fi");
  }
}
