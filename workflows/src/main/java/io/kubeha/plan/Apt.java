package io.kubeha.plan;

import java.util.List;

/** apt-get commands: non-interactive, keeping configuration files kubeha wrote, run detached. */
public final class Apt {
  public static final int TIMEOUT_SECONDS = 1800;

  /** apt-get for unattended runs: no prompts, existing config files kept. */
  public static final String GET =
      "DEBIAN_FRONTEND=noninteractive apt-get -y -o Dpkg::Options::=--force-confold";

  private Apt() {}

  /** Installs packages when a command is missing; check is the test that they are there. */
  public static Action install(String name, String check, List<String> packages) {
    String run = GET + " update && " + GET + " install " + Shell.quoteAll(packages);
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
