package io.kubeha.plan;

import io.kubeha.inventory.RegistryMirrorSpec;
import java.util.regex.Pattern;

/**
 * containerd's /etc/containerd/certs.d/REGISTRY/hosts.toml for one registry mirror entry
 * (containerd's docs/hosts.md): the upstream as server, the fallback tried last, and each endpoint
 * as a host that may pull and resolve, with the CA, skip_verify and, with credentials, an
 * Authorization header whose value is the {@link RegistryCredentials#PLACEHOLDER} the worker fills.
 */
public final class RegistryHostsToml {
  public static final String MANAGED = "# Managed by kubeha.";

  /** containerd's default host for docker.io: Docker Hub serves its API there, not on docker.io. */
  private static final String DOCKER_HUB_SERVER = "https://registry-1.docker.io";

  /** What may stand in a path and a TOML basic string: the validator's rules, checked again. */
  private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(:[0-9]+)?");

  private static final Pattern ENDPOINT = Pattern.compile("https?://[^\"\\\\\\s\\x00-\\x1f\\x7f]+");

  private RegistryHostsToml() {}

  public static String dir(RegistryMirrorSpec m) {
    return RegistryMirrors.CERTS_DIR + "/" + checkedRegistry(m.registry());
  }

  public static String path(RegistryMirrorSpec m) {
    return dir(m) + "/hosts.toml";
  }

  /** Where the entry's caFile is copied on each node. */
  public static String caPath(RegistryMirrorSpec m) {
    return dir(m) + "/ca.pem";
  }

  public static String content(RegistryMirrorSpec m) {
    StringBuilder toml = new StringBuilder(MANAGED + "\n");
    String registry = checkedRegistry(m.registry());
    if (!registry.equals(RegistryMirrorSpec.DEFAULT_REGISTRY)) {
      String server = registry.equals("docker.io") ? DOCKER_HUB_SERVER : "https://" + registry;
      toml.append("server = \"").append(server).append("\"\n");
    }
    for (String endpoint : m.endpoints()) {
      String host = "host.\"" + checkedEndpoint(endpoint) + "\"";
      toml.append('\n').append('[').append(host).append("]\n");
      toml.append("  capabilities = [\"pull\", \"resolve\"]\n");
      if (m.caFile() != null) {
        toml.append("  ca = \"").append(caPath(m)).append("\"\n");
      }
      if (Boolean.TRUE.equals(m.insecure()) && endpoint.startsWith("https://")) {
        toml.append("  skip_verify = true\n");
      }
      if (m.credentialsFile() != null) {
        toml.append("  [").append(host).append(".header]\n");
        toml.append("    Authorization = \"")
            .append(RegistryCredentials.PLACEHOLDER)
            .append("\"\n");
      }
    }
    return toml.toString();
  }

  private static String checkedRegistry(String registry) {
    if (registry == null || !REGISTRY.matcher(registry).matches()) {
      throw new IllegalArgumentException("not a registry host: " + registry);
    }
    return registry;
  }

  private static String checkedEndpoint(String endpoint) {
    if (endpoint == null || !ENDPOINT.matcher(endpoint).matches()) {
      throw new IllegalArgumentException("not a plain http(s) URL: " + endpoint);
    }
    return endpoint;
  }
}
