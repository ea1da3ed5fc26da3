package io.kubeha.steps;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.plan.AtomicWrite;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.time.Duration;

/**
 * Writes a file on a host atomically: content through stdin into a temp file beside it, checked,
 * then renamed.
 */
public final class RemoteFileWriter {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private RemoteFileWriter() {}

  /**
   * Streams content to path with mode and owner; fails, leaving the old file, when the content
   * arrives with another SHA-256.
   */
  public static void write(
      RemoteShell shell,
      String path,
      String mode,
      String owner,
      String sha256,
      RemoteCommand.Stdin content,
      String context) {
    shell.runOk(command(path, mode, owner, sha256).withStdin(content), context);
  }

  /** As write, for content that holds a secret: the command's output is kept out of logs too. */
  public static void writeSecret(
      RemoteShell shell,
      String path,
      String mode,
      String owner,
      String sha256,
      RemoteCommand.Stdin content,
      String context) {
    RemoteCommand command = command(path, mode, owner, sha256);
    shell.runOk(command.asSecret(command.summary()).withStdin(content), context);
  }

  private static RemoteCommand command(String path, String mode, String owner, String sha256) {
    return RemoteCommand.of(AtomicWrite.script(path, mode, owner, sha256), TIMEOUT)
        .withSummary("write " + path);
  }

  /** Sets mode and owner of a file whose content is already right. */
  static void fixAttributes(
      RemoteShell shell, String path, String mode, String owner, String context) {
    String script =
        "chmod "
            + quote(mode)
            + " "
            + quote(path)
            + " && chown "
            + quote(owner)
            + " "
            + quote(path);
    shell.runOk(
        RemoteCommand.of(script, Duration.ofSeconds(60)).withSummary("chmod/chown " + path),
        context);
  }
}
