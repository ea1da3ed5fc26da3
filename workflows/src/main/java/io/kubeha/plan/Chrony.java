package io.kubeha.plan;

import java.util.List;

/** chrony's package and service, shared by the time server and its clients. */
public final class Chrony {
  public static final String CONFIG = "/etc/chrony/chrony.conf";
  static final int START_SECONDS = 20;

  private Chrony() {}

  public static Step packageStep(Phase phase) {
    return new Step(
        "chrony-package",
        phase,
        "Install chrony",
        List.of(),
        List.of(),
        List.of(
            Apt.install(
                "install-chrony", Apt.haveCommands("chronyd", "chronyc"), List.of("chrony"))));
  }

  /**
   * Writes the config, restarts chrony when it changed, keeps it enabled and running, then
   * verifies.
   */
  static Step configStep(String id, Phase phase, String title, String content, String verify) {
    String running = "systemctl is-enabled --quiet chrony && systemctl is-active --quiet chrony";
    String started = Shell.waitFor(verify, START_SECONDS);
    return new Step(
        id,
        phase,
        title,
        List.of(FileSpec.of(CONFIG, "0644", content)),
        List.of(),
        List.of(
            new Action(
                "restart-chrony",
                null,
                Systemd.restart("chrony"),
                started,
                false,
                Action.DEFAULT_TIMEOUT_SECONDS),
            new Action(
                "enable-chrony",
                running,
                Systemd.enableNow("chrony"),
                started,
                false,
                Action.DEFAULT_TIMEOUT_SECONDS)));
  }
}
