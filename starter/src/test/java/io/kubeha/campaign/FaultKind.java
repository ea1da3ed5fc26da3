package io.kubeha.campaign;

import java.util.List;

/**
 * What the campaign breaks: kubeha's own processes, the Temporal server and its database, or one
 * lab host.
 */
enum FaultKind {
  WORKER_KILL("worker kill -9, new worker later"),
  STARTER_KILL("starter kill -9, up (or watch) again"),
  SERVER_KILL("Temporal kill -9, restart same db"),
  POSTGRES_KILL("PostgreSQL kill -9 (postmaster), started again"),
  LINK_CUT("host link cut, then healed"),
  SSHD_KILL("host sshd kill -9, then started"),
  HOST_REBOOT("host reboot (all processes die)");

  private final String title;

  FaultKind(String title) {
    this.title = title;
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
