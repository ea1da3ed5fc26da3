package io.kubeha.ssh;

import io.kubeha.activity.SshTarget;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands as root on one host over the pooled connection: sudo for other users, a timeout
 * enforced on the host, a heartbeat while waiting, output kept and logged line by line.
 */
public final class RemoteShell {
  private static final Logger log = LoggerFactory.getLogger(RemoteShell.class);
  private static final long HEARTBEAT_MILLIS = 3_000;
  private static final int KILL_AFTER_SECONDS = 5;
  // The host-side `timeout` fires first; this local deadline is for a host that stops answering.
  private static final long LOCAL_GRACE_MILLIS = 15_000;
  private static final int EXIT_STATUS_WAIT_SECONDS = 10;
  private static final int TIMEOUT_EXIT_CODE = 124;
  private static final int TAIL_LINES = 20;
  private static final int COPY_BUFFER = 64 * 1024;

  /** Failure type of a command that exited non-zero. */
  public static final String COMMAND_FAILED = "CommandFailed";

  /** Failure type of a command that ran past its timeout and was killed. */
  public static final String COMMAND_TIMED_OUT = "CommandTimedOut";

  private final SshTarget target;
  private final SshConnections connections;
  private final Heartbeat heartbeat;

  RemoteShell(SshTarget target, SshConnections connections, Heartbeat heartbeat) {
    this.target = target;
    this.connections = connections;
    this.heartbeat = heartbeat;
  }

  public SshTarget target() {
    return target;
  }

  public Heartbeat heartbeat() {
    return heartbeat;
  }

  public CommandResult run(String script, Duration timeout) {
    return run(RemoteCommand.of(script, timeout));
  }

  /**
   * Runs the command and fails with its exit code and output tail unless it exits 0; context names
   * the step.
   */
  public CommandResult runOk(RemoteCommand command, String context) {
    CommandResult result = run(command);
    if (!result.ok()) {
      throw failure(context, command, result);
    }
    return result;
  }

  /**
   * Runs the command and returns whatever it exited with; fails only on timeout or a lost
   * connection.
   */
  public CommandResult run(RemoteCommand command) {
    return run(command, null);
  }

  /**
   * Runs the command with its standard output copied byte for byte into sink (a file fetched from
   * the host), never logged or kept; fails unless it exits 0. A sink already written to is the
   * caller's to discard on failure.
   */
  public void runToStream(RemoteCommand command, OutputStream sink, String context) {
    CommandResult result = run(command, sink);
    if (!result.ok()) {
      throw failure(context, command, result);
    }
  }

  private CommandResult run(RemoteCommand command, OutputStream sink) {
    for (int attempt = 1; ; attempt++) {
      SshConnections.Pooled connection = connections.connection(target);
      connection.channels().acquireUninterruptibly();
      try {
        Session session;
        try {
          session = connection.client().startSession();
        } catch (IOException e) {
          // Nothing ran yet: a connection that died while idle is replaced once.
          connections.discard(target, connection);
          if (attempt > 1) {
            throw lost(command, e);
          }
          continue;
        }
        try (session) {
          return execute(connection, session, command, sink);
        } catch (IOException e) {
          connections.discard(target, connection);
          throw lost(command, e);
        }
      } finally {
        connection.channels().release();
      }
    }
  }

  /**
   * A secret command's stdout is withheld; its error output is kept (kubeadm's reason for failing)
   * with anything shaped like a bootstrap token or a certificate key masked.
   */
  static String secretFailureOutput(CommandResult result) {
    String errors =
        new CommandResult(result.exitCode(), "", result.stderr())
            .tail(TAIL_LINES)
            .replaceAll("\\b[a-z0-9]{6}\\.[a-z0-9]{16}\\b", "<token withheld>")
            .replaceAll("\\b[a-fA-F0-9]{64}\\b", "<key withheld>");
    return "(standard output withheld: the command carries a secret)"
        + (errors.isEmpty() ? "" : "\n" + errors);
  }

  /**
   * The failure for a command that exited non-zero: host, context, command, exit code, last output
   * lines.
   */
  public ApplicationFailure failure(String context, RemoteCommand command, CommandResult result) {
    String output = command.secret() ? secretFailureOutput(result) : result.tail(TAIL_LINES);
    return ApplicationFailure.newFailure(
        String.format(
            "%s: %s: `%s` exited %d%n%s",
            target.host(), context, command.summary(), result.exitCode(), output),
        COMMAND_FAILED);
  }

  private CommandResult execute(
      SshConnections.Pooled connection, Session session, RemoteCommand command, OutputStream sink)
      throws IOException {
    log.info(
        "{}: $ {}{}",
        target.host(),
        command.summary(),
        command.secret() ? " (secret: output not logged)" : "");
    Session.Command channel = session.exec(wrap(command));
    CountDownLatch ended = new CountDownLatch(2);
    OutputPump out =
        sink == null
            ? OutputPump.start(target.host(), channel.getInputStream(), command.secret(), ended)
            : OutputPump.startCopy(target.host(), channel.getInputStream(), sink, ended);
    OutputPump err =
        OutputPump.start(target.host(), channel.getErrorStream(), command.secret(), ended);
    long deadline =
        System.nanoTime()
            + TimeUnit.MILLISECONDS.toNanos(command.timeout().toMillis() + LOCAL_GRACE_MILLIS);
    try {
      writeStdin(channel, command, deadline);
      while (!ended.await(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS)) {
        heartbeat.beat(target.host() + ": " + command.summary());
        if (System.nanoTime() > deadline) {
          throw timedOut(command);
        }
      }
      channel.join(EXIT_STATUS_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(connection, channel, err.pid());
      throw ApplicationFailure.newFailure(
          target.host() + ": interrupted: " + command.summary(), COMMAND_FAILED);
    } catch (RuntimeException | IOException e) {
      kill(connection, channel, err.pid());
      throw e;
    }
    Integer status = channel.getExitStatus();
    int exitCode = status == null ? -1 : status;
    if (exitCode == TIMEOUT_EXIT_CODE) {
      throw timedOut(command);
    }
    log.debug("{}: exit {}: {}", target.host(), exitCode, command.summary());
    return new CommandResult(exitCode, out.text(), err.text());
  }

  private void writeStdin(Session.Command channel, RemoteCommand command, long deadline)
      throws IOException {
    try (OutputStream stdin = channel.getOutputStream()) {
      if (command.stdin() == null) {
        return;
      }
      long nextBeat = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MILLIS);
      try (InputStream source = command.stdin().open()) {
        byte[] buffer = new byte[COPY_BUFFER];
        for (int n = source.read(buffer); n >= 0; n = source.read(buffer)) {
          stdin.write(buffer, 0, n);
          if (System.nanoTime() > nextBeat) {
            heartbeat.beat(target.host() + ": sending input to " + command.summary());
            nextBeat = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MILLIS);
          }
          if (System.nanoTime() > deadline) {
            throw timedOut(command);
          }
        }
      }
      // sshj's close() flushes without waiting for window space and drops what did not fit (a
      // slow reader's last bytes); flush() waits for the window first.
      stdin.flush();
    }
  }

  /**
   * sudo for a non-root user; `timeout` kills the command's whole process group when it runs too
   * long. The shell announces timeout's pid on stderr first, so a cancelled command can be killed:
   * sshd refuses signal requests on root sessions.
   */
  private String wrap(RemoteCommand command) {
    long seconds = Math.max(1, command.timeout().toSeconds());
    String timed =
        "echo "
            + OutputPump.PID_PREFIX
            + "$$ >&2; exec timeout -k "
            + KILL_AFTER_SECONDS
            + " "
            + seconds
            + " /bin/sh -c "
            + ShellQuote.quote(command.script());
    String shell = "/bin/sh -c " + ShellQuote.quote(timed);
    // exec: the login shell must not stay between sshd and the command.
    return "exec " + (asRoot(command.loginUser()) ? shell : "sudo -n " + shell);
  }

  /**
   * True when a command needs no sudo: the login user is root, or the command wants the login user.
   */
  private boolean asRoot(boolean loginUser) {
    return loginUser || "root".equals(target.user());
  }

  /**
   * Stops a command that is still running: TERM to its `timeout`, which passes it to the whole
   * group.
   */
  private void kill(SshConnections.Pooled connection, Session.Command channel, String pid) {
    if (pid != null && channel.isOpen()) {
      String kill = "kill -TERM " + pid;
      // A channel of its own, beyond the permits: the permit of the command being killed is still
      // held.
      try (Session session = connection.client().startSession();
          Session.Command killer =
              session.exec("exec " + (asRoot(false) ? kill : "sudo -n " + kill))) {
        killer.join(EXIT_STATUS_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (IOException e) {
        log.warn("{}: could not kill pid {}: {}", target.host(), pid, e.getMessage());
      }
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("{}: closing a channel failed", target.host(), e);
    }
  }

  private ApplicationFailure timedOut(RemoteCommand command) {
    return ApplicationFailure.newFailure(
        String.format(
            "%s: `%s` ran past its timeout of %ds and was killed",
            target.host(), command.summary(), command.timeout().toSeconds()),
        COMMAND_TIMED_OUT);
  }

  private ApplicationFailure lost(RemoteCommand command, IOException e) {
    return ApplicationFailure.newFailure(
        String.format(
            "%s: connection lost during `%s`: %s",
            target.host(), command.summary(), e.getMessage()),
        SshConnections.UNREACHABLE);
  }
}
