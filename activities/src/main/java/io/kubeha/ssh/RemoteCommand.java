package io.kubeha.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A shell script to run as root on a host (or as the login user when asked), with optional stdin. A
 * secret command (its stdin or output carry a token or key) is never logged and its output never
 * enters a failure message; summary is what logs and failures call it.
 */
public record RemoteCommand(
    String script,
    String summary,
    Duration timeout,
    boolean secret,
    Stdin stdin,
    boolean loginUser) {

  /** Where the bytes written to the command's stdin come from. */
  @FunctionalInterface
  public interface Stdin {
    InputStream open() throws IOException;

    static Stdin of(String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      return () -> new java.io.ByteArrayInputStream(bytes);
    }

    static Stdin of(Path file) {
      return () -> Files.newInputStream(file);
    }
  }

  private static final int SUMMARY_LENGTH = 120;

  public static RemoteCommand of(String script, Duration timeout) {
    return new RemoteCommand(script, summarise(script), timeout, false, null, false);
  }

  public RemoteCommand withStdin(Stdin input) {
    return new RemoteCommand(script, summary, timeout, secret, input, loginUser);
  }

  public RemoteCommand withSummary(String text) {
    return new RemoteCommand(script, text, timeout, secret, stdin, loginUser);
  }

  /** Marks the command secret: neither it nor its output is logged. */
  public RemoteCommand asSecret(String text) {
    return new RemoteCommand(script, text, timeout, true, stdin, loginUser);
  }

  /** Runs without sudo, as the user the connection logged in as. */
  public RemoteCommand asLoginUser() {
    return new RemoteCommand(script, summary, timeout, secret, stdin, true);
  }

  static String summarise(String script) {
    String first = script.strip().lines().findFirst().orElse("");
    boolean more = first.length() > SUMMARY_LENGTH || script.strip().lines().count() > 1;
    return (first.length() > SUMMARY_LENGTH ? first.substring(0, SUMMARY_LENGTH) : first)
        + (more ? " ..." : "");
  }
}
