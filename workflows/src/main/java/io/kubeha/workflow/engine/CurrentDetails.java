package io.kubeha.workflow.engine;

import java.util.List;

/** The markdown the Temporal UI shows as a run's current details: the phase and a host table. */
public final class CurrentDetails {
  private CurrentDetails() {}

  public static String markdown(String heading, boolean waitingForApproval, HostBoard board) {
    return markdown(
        heading,
        waitingForApproval
            ? "\nWaiting for `approveInit`; the `initPlan` query shows what kubeadm init will do.\n"
            : "",
        board);
  }

  /** A day-2 operation's details: its plan while it waits at its gate, else phase and hosts. */
  public static String ofOperation(String heading, OperationContext ctx) {
    return ctx instanceof GatedOperation gated && gated.gate().waiting()
        ? atGate(heading, gated.plan(), ctx.board())
        : markdown(heading, false, ctx.board());
  }

  /** A day-2 operation waiting at its gate: the plan it waits to have approved, above the hosts. */
  public static String atGate(String heading, String plan, HostBoard board) {
    return markdown(
        heading,
        "\nWaiting for approval (`./kubeha approve`; the approval must name the cluster). The"
            + " plan:\n\n```\n"
            + plan.replace("```", "'''").strip()
            + "\n```\n",
        board);
  }

  private static String markdown(String heading, String note, HostBoard board) {
    StringBuilder md = new StringBuilder();
    md.append("**").append(heading).append("** · steps ").append(board.summary()).append('\n');
    md.append(note);
    List<HostStatus> rows = board.view();
    boolean states = rows.stream().anyMatch(h -> h.state() != null);
    md.append(states ? "\n| host | state " : "\n| host ")
        .append("| phase | step | done | attempt | last error |\n|---|")
        .append(states ? "---|" : "")
        .append("---|---|---|---|---|\n");
    for (HostStatus h : rows) {
      md.append("| ").append(h.host());
      if (states) {
        md.append(" | ").append(orEmpty(h.state()));
      }
      md.append(" | ")
          .append(h.phase() == null ? "" : h.phase().title())
          .append(" | ")
          .append(orEmpty(h.currentStep()))
          .append(" | ")
          .append(h.stepsDone())
          .append('/')
          .append(h.stepsTotal())
          .append(" | ")
          .append(h.attempts() == 0 ? "" : String.valueOf(h.attempts()))
          .append(" | ")
          .append(cell(h.lastError()))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** One table cell: no pipes or line breaks from an error message. */
  private static String cell(String s) {
    return orEmpty(s).replace('|', '/').replace('\n', ' ');
  }
}
