package io.kubeha.bundle;

/**
 * An image reference split as the distribution API needs it:
 * registry.k8s.io/coredns/coredns:v1.14.6 → registry registry.k8s.io, repository coredns/coredns,
 * reference v1.14.6 (a tag or a digest). Docker Hub's short names are expanded as docker does
 * (nginx → docker.io/library/nginx).
 */
public record ImageName(String name, String registry, String repository, String reference) {
  public static final String DOCKER_HUB = "docker.io";

  public static ImageName parse(String name) {
    String rest = name;
    String reference;
    int at = rest.indexOf('@');
    if (at > 0) {
      reference = rest.substring(at + 1);
      rest = rest.substring(0, at);
    } else {
      int colon = rest.lastIndexOf(':');
      if (colon <= rest.lastIndexOf('/')) {
        throw new BundleException(name + ": not a pinned image reference (no tag or digest)");
      }
      reference = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    int slash = rest.indexOf('/');
    String first = slash < 0 ? "" : rest.substring(0, slash);
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    String registry = hasRegistry ? first : DOCKER_HUB;
    String repository = hasRegistry ? rest.substring(slash + 1) : rest;
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    return new ImageName(name, registry, repository, reference);
  }

  /** Where the registry's API answers: Docker Hub's is registry-1.docker.io. */
  public String apiBase() {
    return "https://" + (registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry);
  }

  public boolean byDigest() {
    return reference.startsWith("sha256:");
  }
}
