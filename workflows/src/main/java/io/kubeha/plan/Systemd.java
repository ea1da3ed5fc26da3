package io.kubeha.plan;

/** systemctl commands that also work on a unit that is masked (as some images ship daemons). */
final class Systemd {
  private Systemd() {}

  /** Enables and starts the unit now. */
  static String enableNow(String unit) {
    return "systemctl unmask " + unit + " && systemctl enable --now " + unit;
  }

  /** Enables the unit and restarts it, so a changed config takes effect. */
  static String restart(String unit) {
    return "systemctl unmask "
        + unit
        + " && systemctl enable "
        + unit
        + " && systemctl restart "
        + unit;
  }

  /** Enables the unit and reloads it, or starts it when it is not running. */
  static String reloadOrRestart(String unit) {
    return "systemctl unmask "
        + unit
        + " && systemctl enable "
        + unit
        + " && systemctl reload-or-restart "
        + unit;
  }
}
