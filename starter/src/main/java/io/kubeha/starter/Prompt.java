package io.kubeha.starter;

import java.io.Console;
import java.util.Locale;

/** Yes/no questions on the operator's terminal; without a terminal nothing can be asked. */
final class Prompt {
  private Prompt() {}

  static boolean available() {
    return System.console() != null;
  }

  /** Asks "question [y/N] "; only y or yes says yes. */
  static boolean ask(String question) {
    Console console = System.console();
    if (console == null) {
      throw new IllegalStateException("no terminal to ask: " + question);
    }
    String answer = console.readLine("%s [y/N] ", question);
    return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
  }

  /** Asks unless --yes answered already; with neither a terminal nor --yes, a clear exit 2. */
  static boolean confirm(boolean yes, String question) {
    if (yes) {
      return true;
    }
    if (!available()) {
      throw new BadInputException(
          "no terminal to ask \"" + question + "\"; pass --yes to answer yes");
    }
    return ask(question);
  }

  /**
   * Asks the operator to type expected back (unless --yes); with neither a terminal nor --yes, a
   * clear exit 2.
   */
  static boolean confirmByTyping(boolean yes, String expected, String question) {
    if (yes) {
      return true;
    }
    Console console = System.console();
    if (console == null) {
      throw new BadInputException(
          "no terminal to ask \"" + question + "\"; pass --yes to answer yes");
    }
    String answer =
        console.readLine("%s%nType the cluster name (%s) to go on: ", question, expected);
    return answer != null && answer.strip().equals(expected);
  }
}
