package io.kubeha.plan;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting and small command idioms for the POSIX shell every remote command runs under. */
public final class Shell {
  private Shell() {}

  /** One shell word that stands for value exactly: single quotes, each ' written as '\''. */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Each value quoted, separated by spaces. */
  public static String quoteAll(List<String> values) {
    return values.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }

  /** A basic regular expression matching value literally (for grep and sed). */
  public static String literalRegex(String value) {
    return value.replaceAll("([.\\[\\]*^$\\\\/])", "\\\\$1");
  }

  /**
   * A command that polls condition once a second until it holds or seconds pass, and exits with the
   * condition's last status; for effects that appear shortly after a service (re)starts.
   */
  public static String waitFor(String condition, int seconds) {
    return "i=0; until "
        + condition
        + "; do i=$((i+1)); test $i -lt "
        + seconds
        + " || break; sleep 1; done; "
        + condition;
  }
}
