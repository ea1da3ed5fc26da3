package io.kubeha.plan;

import java.util.List;

/** apt-get commands: non-interactive, keeping configuration files kubeha wrote, run detached. */
public final class Apt {
  public static final int TIMEOUT_SECONDS = 1800;

  /** apt-get for unattended runs: no prompts, existing config files kept. */
  public static final String GET =
      "DEBIAN_FRONTEND=noninteractive apt-get -y -o Dpkg::Options::=--force-confold";

  /** Touched after each `apt-get update` kubeha runs on a host. */
  public static final String UPDATED_STAMP = "/var/lib/kubeha/apt-lists-updated";

  /**
   * Finishes what an interrupted dpkg left (a host rebooted mid-install): apt-get refuses to run
   * until `dpkg --configure -a` has. Found by a campaign's reboot during kubeadm-packages.
   */
  public static final String RECOVER_INTERRUPTED =
      "{ [ -z \"$(ls -A /var/lib/dpkg/updates 2>/dev/null)\" ]"
          + " || DEBIAN_FRONTEND=noninteractive dpkg --force-confold --configure -a; }";

  /**
   * `apt-get update` once per host per run: again only when a source or key changed since the last
   * one (the Kubernetes repository added, or moved to the next minor), or the lists are an hour
   * old. An interrupted dpkg is finished first.
   */
  public static final String UPDATE =
      RECOVER_INTERRUPTED
          + " && if [ ! -e "
          + UPDATED_STAMP
          + " ] || [ -n \"$(find "
          + UPDATED_STAMP
          + " -mmin +60)\" ] || [ -n \"$(find /etc/apt/sources.list /etc/apt/sources.list.d"
          + " /etc/apt/keyrings -newer "
          + UPDATED_STAMP
          + " 2>/dev/null | head -n 1)\" ]; then "
          + GET
          + " update && mkdir -p /var/lib/kubeha && touch "
          + UPDATED_STAMP
          + "; fi";

  private Apt() {}

  /** Installs packages when a command is missing; check is the test that they are there. */
  public static Action install(String name, String check, List<String> packages) {
    String run = UPDATE + " && " + GET + " install " + Shell.quoteAll(packages);
    return new Action(name, check, run, check, true, TIMEOUT_SECONDS);
  }

  /** True when every command is on the PATH. */
  public static String haveCommands(String... commands) {
    StringBuilder b = new StringBuilder();
    for (String c : commands) {
      b.append(b.isEmpty() ? "" : " && ").append("command -v ").append(c).append(" >/dev/null");
    }
    return b.toString();
  }
}
