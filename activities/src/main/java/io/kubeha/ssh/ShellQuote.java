package io.kubeha.ssh;

/** Quotes values for a POSIX shell, so inventory values reach a command as one literal word. */
public final class ShellQuote {
  private ShellQuote() {}

  /** The value in single quotes, each embedded quote written as '\''. */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
