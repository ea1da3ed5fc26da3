package io.kubeha.inventory;

/**
 * spec.ssh (and a host's ssh override): how the worker logs in. Paths are on the worker's machine.
 */
public record SshSpec(String user, Integer port, String keyPath, String knownHosts) {

  public static final String DEFAULT_USER = "root";
  public static final int DEFAULT_PORT = 22;
  public static final String DEFAULT_KEY_PATH = "~/.ssh/id_ed25519";
  public static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";

  /** This spec with every field the override sets replaced. */
  public SshSpec overriddenBy(SshSpec o) {
    return new SshSpec(
        o.user != null ? o.user : user,
        o.port != null ? o.port : port,
        o.keyPath != null ? o.keyPath : keyPath,
        o.knownHosts != null ? o.knownHosts : knownHosts);
  }
}
