package io.kubeha.inventory;

/** spec.options: the worker concurrency bound and the operating systems preflight accepts. */
final class OptionRules {
  static final int MAX_WORKER_CONCURRENCY = 1000;

  private OptionRules() {}

  static void check(OptionsSpec o, Problems p) {
    Checks.inRange(
        p,
        "spec.options.workerConcurrency",
        o.workerConcurrency(),
        1,
        MAX_WORKER_CONCURRENCY,
        "use how many hosts may be prepared or joined at once, e.g. "
            + OptionsSpec.DEFAULT_WORKER_CONCURRENCY);
    if (o.allowedOs().isEmpty()) {
      p.add(
          "spec.options.allowedOs",
          "is empty, so preflight would reject every host",
          "remove it, or list e.g. ubuntu-24.04");
    }
    for (int i = 0; i < o.allowedOs().size(); i++) {
      Checks.matches(
          p,
          "spec.options.allowedOs[" + i + "]",
          o.allowedOs().get(i),
          Syntax.OS_ID,
          "an OS id",
          "write ID-VERSION_ID from /etc/os-release, e.g. ubuntu-24.04");
    }
  }
}
