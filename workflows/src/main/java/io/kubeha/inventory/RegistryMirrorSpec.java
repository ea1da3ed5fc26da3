package io.kubeha.inventory;

import java.util.List;

/**
 * spec.containerRuntime.registryMirrors[i]: where containerd pulls one upstream registry's images
 * from (rendered as /etc/containerd/certs.d/REGISTRY/hosts.toml on every node).
 *
 * <p>registry: the upstream's host[:port] as image names spell it (docker.io, registry.k8s.io), or
 * _default for every registry without an entry of its own. endpoints: the mirrors' http(s) URLs,
 * tried in order before the upstream. caFile: a PEM CA bundle on the worker's machine that signs
 * the mirrors' certificates. insecure: allow http:// endpoints and skip TLS verification of
 * https:// ones. credentialsFile: a file on the worker's machine holding one line user:password,
 * read only when a step is applied, never put in the plan. Both paths are read at apply time.
 */
public record RegistryMirrorSpec(
    String registry,
    List<String> endpoints,
    String caFile,
    Boolean insecure,
    String credentialsFile) {

  /** The registry name containerd falls back to when no other entry matches an image. */
  public static final String DEFAULT_REGISTRY = "_default";
}
