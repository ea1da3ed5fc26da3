package io.kubeha.ansible;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.SshSpec;
import io.kubeha.plan.Shell;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * inventory.yml and ansible.cfg: the hosts with kubeha's SSH settings, host keys checked against
 * its known_hosts. Every value from the inventory is !unsafe: Ansible templates inventory variables
 * when it uses them, so a "{{" in a key path would otherwise be evaluated on the controller.
 */
final class InventoryYaml {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@:~+,=-]+");

  private InventoryYaml() {}

  static String inventory(Inventory inv) {
    Map<String, Object> hosts = new LinkedHashMap<>();
    for (HostSpec host : inv.hosts()) {
      SshSpec ssh = inv.sshFor(host);
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("ansible_host", new Unsafe(host.address()));
      vars.put("ansible_user", new Unsafe(ssh.user()));
      vars.put("ansible_port", ssh.port());
      vars.put("ansible_ssh_private_key_file", new Unsafe(ssh.keyPath()));
      vars.put(
          "ansible_ssh_common_args",
          new Unsafe(
              "-o UserKnownHostsFile="
                  + shellWord(ssh.knownHosts())
                  + " -o StrictHostKeyChecking=yes"));
      hosts.put(host.name(), vars);
    }
    return "# Written by kubeha plan --format ansible for cluster "
        + inv.clusterName()
        + ".\n"
        + AnsibleYaml.write(Map.of("all", Map.of("hosts", hosts)));
  }

  /**
   * Pipelining (one SSH exchange per task), a fork per host, host keys always checked, Ubuntu's
   * python3 (no discovery round trip).
   */
  static String config(Inventory inv) {
    return """
        # Written by kubeha plan --format ansible.
        [defaults]
        inventory = %s
        forks = %d
        host_key_checking = True
        gathering = explicit
        interpreter_python = /usr/bin/python3
        retry_files_enabled = False

        [ssh_connection]
        pipelining = True
        """
        .formatted(AnsibleProject.INVENTORY, inv.hosts().size());
  }

  /** A word that the SSH plugin's shlex splitting of its arguments reads back exactly. */
  static String shellWord(String text) {
    return PLAIN.matcher(text).matches() ? text : Shell.quote(text);
  }
}
