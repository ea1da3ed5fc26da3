package io.kubeha.campaign;

import java.util.Arrays;
import java.util.List;

/**
 * What the campaign breaks: kubeha's own processes, the Temporal server and its database, or one
 * lab host.
 */
enum FaultKind {
  WORKER_KILL("worker", "worker kill -9, new worker later"),
  STARTER_KILL("starter", "starter kill -9, up (or watch) again"),
  SERVER_KILL("temporal", "Temporal kill -9, restart same db"),
  POSTGRES_KILL("postgres", "PostgreSQL kill -9 (postmaster), started again"),
  LINK_CUT("cut", "host link cut, then healed"),
  SSHD_KILL("sshd", "host sshd kill -9, then started"),
  HOST_REBOOT("reboot", "host reboot (all processes die)");

  private final String shortName;
  private final String title;

  FaultKind(String shortName, String title) {
    this.shortName = shortName;
    this.title = title;
  }

  /**
   * The kinds a campaign draws: those named in a comma list of short names (`--kinds
   * worker,starter,temporal`), or, when it is blank, the defaults in their recorded order.
   */
  static List<FaultKind> named(String list, List<FaultKind> defaults) {
    if (list == null || list.isBlank()) {
      return defaults;
    }
    List<FaultKind> kinds =
        Arrays.stream(list.split(","))
            .map(String::strip)
            .map(
                n ->
                    Arrays.stream(values())
                        .filter(k -> k.shortName.equals(n))
                        .findFirst()
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "kubeha.campaign.kinds: no fault kind '"
                                        + n
                                        + "'; one or more of "
                                        + Arrays.stream(values()).map(k -> k.shortName).toList())))
            .distinct()
            .toList();
    if (!defaults.containsAll(kinds)) {
      throw new IllegalArgumentException(
          "kubeha.campaign.kinds: this campaign's Temporal has no "
              + kinds
              + " outside "
              + defaults);
    }
    return kinds;
  }

  String title() {
    return title;
  }

  /** What a campaign on the dev server draws, in the order the recorded seeds were drawn with. */
  static final List<FaultKind> ON_DEV_SERVER =
      List.of(WORKER_KILL, STARTER_KILL, SERVER_KILL, LINK_CUT, SSHD_KILL, HOST_REBOOT);

  /** On scripts/temporal-stack, PostgreSQL's kill as well. */
  static final List<FaultKind> ON_STACK =
      List.of(
          WORKER_KILL, STARTER_KILL, SERVER_KILL, LINK_CUT, SSHD_KILL, HOST_REBOOT, POSTGRES_KILL);

  boolean onHost() {
    return this == LINK_CUT || this == SSHD_KILL || this == HOST_REBOOT;
  }
}
