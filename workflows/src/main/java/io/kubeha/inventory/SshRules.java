package io.kubeha.inventory;

/** spec.ssh and a host's ssh override: user, port and the two local file paths. */
final class SshRules {
  private SshRules() {}

  static void check(SshSpec ssh, String path, Problems p) {
    Checks.matches(
        p,
        path + ".user",
        ssh.user(),
        Syntax.POSIX_USER,
        "a valid user name",
        "use a POSIX user name: lowercase letters, digits, '_' and '-', at most 32 characters, e.g. ubuntu");
    Checks.inRange(
        p, path + ".port", ssh.port(), 1, 65535, "use the port sshd listens on, usually 22");
    Checks.matches(
        p,
        path + ".keyPath",
        ssh.keyPath(),
        Syntax.LOCAL_PATH,
        "an absolute path",
        "write an absolute path or one under ~/, e.g. ~/.ssh/id_ed25519");
    Checks.matches(
        p,
        path + ".knownHosts",
        ssh.knownHosts(),
        Syntax.LOCAL_PATH,
        "an absolute path",
        "write an absolute path or one under ~/, e.g. ~/.ssh/known_hosts");
  }
}
