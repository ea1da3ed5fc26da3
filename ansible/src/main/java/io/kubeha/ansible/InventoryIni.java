package io.kubeha.ansible;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.SshSpec;
import io.kubeha.plan.Shell;
import java.util.regex.Pattern;

/**
 * inventory.ini and ansible.cfg: the hosts with kubeha's SSH settings, host keys checked against
 * its known_hosts.
 */
final class InventoryIni {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@:~+,=-]+");

  private InventoryIni() {}

  static String inventory(Inventory inv) {
    StringBuilder b =
        new StringBuilder(
            "# Written by kubeha plan --format ansible for cluster " + inv.clusterName() + ".\n");
    b.append("[all]\n");
    for (HostSpec host : inv.hosts()) {
      SshSpec ssh = inv.sshFor(host);
      String args =
          "-o UserKnownHostsFile=" + value(ssh.knownHosts()) + " -o StrictHostKeyChecking=yes";
      b.append(host.name())
          .append(" ansible_host=")
          .append(value(host.address()))
          .append(" ansible_user=")
          .append(value(ssh.user()))
          .append(" ansible_port=")
          .append(ssh.port())
          .append(" ansible_ssh_private_key_file=")
          .append(value(ssh.keyPath()))
          .append(" ansible_ssh_common_args=")
          .append(value(args))
          .append('\n');
    }
    return b.toString();
  }

  /**
   * Pipelining (one SSH exchange per task), a fork per host, host keys always checked, Ubuntu's
   * python3 (no discovery round trip).
   */
  static String config(Inventory inv) {
    return """
        # Written by kubeha plan --format ansible.
        [defaults]
        inventory = inventory.ini
        forks = %d
        host_key_checking = True
        gathering = explicit
        interpreter_python = /usr/bin/python3
        retry_files_enabled = False

        [ssh_connection]
        pipelining = True
        """
        .formatted(inv.hosts().size());
  }

  /**
   * A word that shlex splitting (the INI inventory's, then the SSH plugin's) reads back exactly.
   */
  static String value(String text) {
    return PLAIN.matcher(text).matches() ? text : Shell.quote(text);
  }
}
