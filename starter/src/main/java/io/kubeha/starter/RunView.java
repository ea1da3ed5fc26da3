package io.kubeha.starter;

/** How watching shows a run: redrawn in place on a terminal, or plain lines on change. */
interface RunView {

  void show(RunSnapshot snapshot);

  /** Prints a message below the view; the view starts afresh after it. */
  void note(String message);
}
