package io.kubeha.ansible;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ansible tasks as ordered maps, keys in the order a reader expects (name, module, then keywords).
 */
final class Tasks {
  static final String SHELL = "ansible.builtin.shell";

  private Tasks() {}

  static Map<String, Object> task(String name, String module, Object args) {
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("name", new Unsafe(name));
    task.put(module, args);
    return task;
  }

  /** A shell task running command with /bin/sh, as kubeha runs every remote command. */
  static Map<String, Object> shell(String name, String command, int timeoutSeconds) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("cmd", new Unsafe(command));
    args.put("executable", "/bin/sh");
    Map<String, Object> task = task(name, SHELL, args);
    task.put("timeout", timeoutSeconds);
    return task;
  }

  /**
   * A probe: its exit status is registered, it never fails the play and never counts as a change.
   */
  static Map<String, Object> probe(
      String name, String command, int timeoutSeconds, String register) {
    Map<String, Object> task = shell(name, command, timeoutSeconds);
    task.put("register", register);
    task.put("failed_when", false);
    task.put("changed_when", false);
    return task;
  }

  /** owner "user:group" (kubeha's form) into Ansible's owner and group arguments. */
  static void putOwner(Map<String, Object> args, String owner) {
    String value = owner == null ? "root:root" : owner;
    int colon = value.indexOf(':');
    args.put("owner", new Unsafe(colon < 0 ? value : value.substring(0, colon)));
    if (colon >= 0) {
      args.put("group", new Unsafe(value.substring(colon + 1)));
    }
  }
}
