package io.kubeha.campaign;

/** What the campaign breaks; the first three are kubeha's own processes, the rest happen to one lab host. */
enum FaultKind {
  WORKER_KILL("worker kill -9, new worker later"),
  STARTER_KILL("starter kill -9, up (or watch) again"),
  SERVER_KILL("Temporal kill -9, restart same db"),
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

  boolean onHost() {
    return ordinal() >= LINK_CUT.ordinal();
  }
}
