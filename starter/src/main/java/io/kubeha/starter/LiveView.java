package io.kubeha.starter;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The terminal view: the phase line and host table, redrawn in place with ANSI escapes. */
final class LiveView implements RunView {
  private static final String UP = "\u001b[%dA";
  private static final String CLEAR_DOWN = "\u001b[J";
  private static final int DEFAULT_COLUMNS = 120;

  private final PrintWriter out;
  private final int columns;
  private int drawn;

  LiveView(PrintWriter out) {
    this.out = out;
    this.columns = columns();
  }

  /** A terminal the view can redraw on: a console and a TERM that is not dumb. */
  static boolean supported() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !term.isBlank() && !term.equals("dumb");
  }

  @Override
  public void show(RunSnapshot snapshot) {
    List<String> lines = new ArrayList<>();
    lines.add(snapshot.phaseLine());
    lines.addAll(HostTable.lines(snapshot.hosts()));
    if (drawn > 0) {
      out.print(String.format(UP, drawn) + "\r" + CLEAR_DOWN);
    }
    // Lines are cut to the terminal width so that none wraps and the redraw count stays true.
    lines.forEach(l -> out.println(l.length() > columns ? l.substring(0, columns - 1) + "…" : l));
    out.flush();
    drawn = lines.size();
  }

  @Override
  public void note(String message) {
    out.println(message);
    out.flush();
    drawn = 0;
  }

  private static int columns() {
    try {
      int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
      return c > 20 ? c : DEFAULT_COLUMNS;
    } catch (NumberFormatException e) {
      return DEFAULT_COLUMNS;
    }
  }
}
