package io.kubeha.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The campaign's results as Markdown: one row per fault kind, one per run, what each column means,
 * problems.
 */
record CampaignTable(
    Subject subject, FaultPlan plan, OptionalDouble baselineSeconds, List<RunOutcome> bringUps) {
  /**
   * What was run: the runs (plural, with the lab), what one is called, when one counts as finished,
   * and what the lab shows done twice.
   */
  record Subject(String runs, String run, String finished, String duplicates) {
    static final Subject BRING_UP =
        new Subject(
            "bring-ups of a fresh 3-master, 3-worker, 2-LB lab",
            "bring-up",
            "the last `up` exited 0, every `up` after a kill attached to the one run, the run verified the cluster",
            "kubeadm init more than once in all, kubeadm join more than once on a host, the /etc/hosts block more than"
                + " once");
  }

  CampaignTable(FaultPlan plan, OptionalDouble baselineSeconds, List<RunOutcome> bringUps) {
    this(Subject.BRING_UP, plan, baselineSeconds, bringUps);
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    List<FaultOutcome> all =
        bringUps.stream().flatMap(b -> b.faults().stream()).filter(FaultOutcome::injected).toList();
    long skipped =
        bringUps.stream().flatMap(b -> b.faults().stream()).filter(f -> !f.injected()).count();
    long finished = bringUps.stream().filter(RunOutcome::finished).count();
    out.append(
        String.format(
            "Seed %d: %d faults in %d %s; %d finished;"
                + " %d planned faults not injected (their moment came after the run had closed).%n%n",
            plan.seed(), all.size(), bringUps.size(), subject.runs(), finished, skipped));
    out.append(
        "| fault kind | count | in finished runs | duplicates | resume s median | resume s max | recovery s median | recovery s max | steps re-applied |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (FaultKind kind : plan.kinds().stream().sorted().toList()) {
      List<RunOutcome> with =
          bringUps.stream()
              .filter(b -> b.faults().stream().anyMatch(f -> f.fault().kind() == kind))
              .toList();
      List<FaultOutcome> faults = all.stream().filter(f -> f.fault().kind() == kind).toList();
      long inFinished =
          bringUps.stream()
              .filter(RunOutcome::finished)
              .mapToLong(
                  b ->
                      b.faults().stream()
                          .filter(f -> f.injected() && f.fault().kind() == kind)
                          .count())
              .sum();
      out.append(row(kind.title(), faults, inFinished, with));
    }
    out.append(
        row(
            "**all**",
            all,
            bringUps.stream()
                .filter(RunOutcome::finished)
                .mapToLong(b -> b.faults().stream().filter(FaultOutcome::injected).count())
                .sum(),
            bringUps));
    out.append(
        "\n| "
            + subject.run()
            + " | faults (kind host @ moment: resume s / recovery s) | finished | wall s | extra s | duplicates | re-applied | leaks |\n");
    out.append("|---:|---|---|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < bringUps.size(); i++) {
      RunOutcome b = bringUps.get(i);
      String faults =
          b.faults().stream()
              .map(
                  f ->
                      f.fault().kind()
                          + (f.fault().host() == null ? "" : " " + f.fault().host())
                          + " @ "
                          + f.fault().moment()
                          + ": "
                          + (f.injected()
                              ? seconds(f.resumeSeconds()) + " / " + seconds(f.recoverySeconds())
                              : "not injected"))
              .collect(Collectors.joining("; "));
      String extra =
          baselineSeconds.isPresent()
              ? String.format("%.1f", b.wallSeconds() - baselineSeconds.getAsDouble())
              : "-";
      out.append(
          String.format(
              "| %d | %s | %s | %.1f | %s | %d | %d | %d |%n",
              i + 1,
              faults,
              b.finished() ? "yes" : "NO",
              b.wallSeconds(),
              extra,
              b.duplicates().size(),
              b.reapplied().size(),
              b.leaks().size()));
    }
    out.append("\n").append(legend());
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < bringUps.size(); i++) {
      int n = i + 1;
      bringUps
          .get(i)
          .everyProblem()
          .forEach(p -> problems.add("- " + subject.run() + " " + n + ": " + p));
    }
    out.append(
        problems.isEmpty()
            ? "\nNo problem found.\n"
            : "\nProblems:\n" + String.join("\n", problems) + "\n");
    return out.toString();
  }

  private String legend() {
    return "Columns: *count* faults of the kind injected; *in finished runs* those whose "
        + subject.run()
        + " finished ("
        + subject.finished()
        + "); *duplicates* what the lab shows done twice in "
        + subject.run()
        + "s with that kind ("
        + subject.duplicates()
        + "); *resume s* seconds from the end of the fault to the first activity attempt started or"
        + " workflow task completed after it, in the run's histories (Temporal and kubeha taking the work"
        + " up again), 0 when an attempt under way then completed after it (the work never stopped);"
        + " *recovery s* seconds from the end of the fault"
        + " (new worker started, the starter started again, server restarted, link healed, sshd started, host booted and"
        + " answering SSH) to the run's next progress: a step finished on the faulted host after the fault ended (host"
        + " faults), or anywhere after it began (process faults: nothing moves while they last), a phase change, or the"
        + " run's end; *steps re-applied* (host, step) pairs whose completed results say"
        + " changed=true more than once across the parent's and every child's history. *wall s* the run's start to"
        + " close (server times); *extra s* wall minus the fault-free baseline "
        + subject.run()
        + " "
        + (baselineSeconds.isPresent()
            ? String.format("(%.1f s, same campaign)", baselineSeconds.getAsDouble())
            : "(not measured in this campaign)")
        + "; *leaks* secrets (join tokens and certificate keys the lab saw, SSH private key lines, VRRP auth_pass)"
        + " found in the histories, the worker's and every starter's log, or the lab's call logs.\n";
  }

  private static String row(
      String title, List<FaultOutcome> faults, long inFinished, List<RunOutcome> with) {
    List<Double> resumes =
        faults.stream()
            .filter(FaultOutcome::resumed)
            .map(FaultOutcome::resumeSeconds)
            .sorted()
            .toList();
    List<Double> recoveries =
        faults.stream()
            .filter(FaultOutcome::recovered)
            .map(FaultOutcome::recoverySeconds)
            .sorted()
            .toList();
    int dups = with.stream().mapToInt(b -> b.duplicates().size()).sum();
    int reapplied = with.stream().mapToInt(b -> b.reapplied().size()).sum();
    return String.format(
        "| %s | %d | %d | %d | %s | %s | %s | %s | %d |%n",
        title,
        faults.size(),
        inFinished,
        dups,
        medianOf(resumes),
        maxOf(resumes),
        medianOf(recoveries),
        maxOf(recoveries),
        reapplied);
  }

  private static String medianOf(List<Double> sorted) {
    return sorted.isEmpty() ? "-" : seconds(median(sorted));
  }

  private static String maxOf(List<Double> sorted) {
    return sorted.isEmpty() ? "-" : seconds(sorted.get(sorted.size() - 1));
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String seconds(double s) {
    return Double.isNaN(s) ? "-" : s < 0 ? "none" : String.format("%.1f", s);
  }
}
