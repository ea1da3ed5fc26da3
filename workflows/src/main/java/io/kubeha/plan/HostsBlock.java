package io.kubeha.plan;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.util.List;

/**
 * The managed block of /etc/hosts naming every host, and the command that puts it in place.
 *
 * <p>The command rewrites /etc/hosts without any earlier copy of the block, with the block at the
 * end, and with a cloned VM's old name on 127.0.1.1 (or alone on 127.0.0.1) replaced by this host's
 * name. Its check runs the same rewrite and compares, so it passes exactly when the rewrite would
 * change nothing: a second run never appends twice.
 */
public final class HostsBlock {
  public static final String BEGIN = "# BEGIN kubeha managed block";
  public static final String END = "# END kubeha managed block";
  public static final String HOSTS = "/etc/hosts";
  public static final String BLOCK_FILE = "/etc/kubeha/hosts-block";

  /**
   * Where the rewrite reads the host's name: the hostname step before writes it. So the step is the
   * same on every host, and 500 hosts' plan holds it once.
   */
  public static final String HOSTNAME_FILE = "/etc/hostname";

  private HostsBlock() {}

  public static String content(Inventory inv) {
    StringBuilder b = new StringBuilder(BEGIN).append('\n');
    for (HostSpec h : inv.hosts()) {
      b.append(h.address()).append('\t').append(h.name()).append('\n');
    }
    return b.append(END).append('\n').toString();
  }

  public static Step step(Inventory inv, HostSpec host) {
    String rewrite = rewrite(HOSTNAME_FILE, HOSTS, BLOCK_FILE);
    String check = rewrite + " | cmp -s - " + HOSTS;
    String run =
        rewrite
            + " > "
            + HOSTS
            + ".kubeha && { mv -f "
            + HOSTS
            + ".kubeha "
            + HOSTS
            + " 2>/dev/null || { cat "
            + HOSTS
            + ".kubeha > "
            + HOSTS
            + " && rm -f "
            + HOSTS
            + ".kubeha; }; }";
    return new Step(
        "hosts-block",
        Phase.PREPARE_NODES,
        "Write the managed block of /etc/hosts",
        List.of(FileSpec.of(BLOCK_FILE, "0644", content(inv))),
        List.of(),
        List.of(Action.guarded("update-etc-hosts", check, run)));
  }

  /**
   * An awk program printing hostsFile as it should be; paths are parameters so tests run it on
   * copies.
   */
  static String rewrite(String hostNameFile, String hostsFile, String blockFile) {
    String program =
        String.join(
            " ",
            "$0 == begin { skip = 1; next }",
            "$0 == end { skip = 0; next }",
            "skip { next }",
            "$1 == \"127.0.1.1\" { print \"127.0.1.1\\t\" name; next }",
            "$1 == \"127.0.0.1\" && NF == 2 && $2 !~ /^localhost/ { print \"127.0.0.1\\t\" name; next }",
            "{ print }",
            "END { while ((getline line < block) > 0) print line }");
    return "awk -v name=\"$(cat "
        + Shell.quote(hostNameFile)
        + ")\""
        + " -v begin="
        + Shell.quote(BEGIN)
        + " -v end="
        + Shell.quote(END)
        + " -v block="
        + Shell.quote(blockFile)
        + " "
        + Shell.quote(program)
        + " "
        + Shell.quote(hostsFile);
  }
}
