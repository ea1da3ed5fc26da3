package io.kubeha.plan;

import io.kubeha.inventory.HostSpec;
import java.util.List;

/** The first node-prep steps on every host: apt upgrade, hostname, swap off. */
public final class NodeBasics {
  static final String UPGRADED_MARKER = "/var/lib/kubeha/apt-upgraded";
  // An uncommented fstab entry whose third field (the type) is swap.
  private static final String SWAP_LINE =
      "^[^#[:space:]][^[:space:]]*[[:space:]]+[^[:space:]]+[[:space:]]+swap[[:space:]]";

  private NodeBasics() {}

  /** Upgrades once per host; the marker keeps a resumed or second run from upgrading again. */
  public static Step aptUpgrade() {
    String check = "test -f " + UPGRADED_MARKER;
    String run =
        Apt.UPDATE
            + " && "
            + Apt.GET
            + " upgrade && mkdir -p /var/lib/kubeha && touch "
            + UPGRADED_MARKER;
    return new Step(
        "apt-upgrade",
        Phase.PREPARE_NODES,
        "Upgrade the installed packages",
        List.of(),
        List.of(),
        List.of(new Action("apt-upgrade", check, run, check, true, Apt.TIMEOUT_SECONDS)));
  }

  public static Step hostname(HostSpec host) {
    String name = Shell.quote(host.name());
    return new Step(
        "hostname",
        Phase.PREPARE_NODES,
        "Set the hostname",
        List.of(FileSpec.of("/etc/hostname", "0644", host.name() + "\n")),
        List.of(),
        List.of(
            Action.guarded("set-hostname", "test \"$(hostname)\" = " + name, "hostname " + name)));
  }

  /** Swap off now and in /etc/fstab (lines commented, not deleted, so an operator can see them). */
  public static Step swapOff() {
    String noSwapInFstab = "! grep -qE '" + SWAP_LINE + "' /etc/fstab";
    String check = "! swapon --show --noheadings | grep -q . && " + noSwapInFstab;
    String run = "swapoff -a && sed -i -E 's/^(" + SWAP_LINE.substring(1) + ")/# \\1/' /etc/fstab";
    return new Step(
        "swap-off",
        Phase.PREPARE_NODES,
        "Turn swap off",
        List.of(),
        List.of(),
        List.of(Action.guarded("swap-off", check, run)));
  }
}
