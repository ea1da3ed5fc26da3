package io.kubeha.inventory;

import java.util.Map;

/**
 * spec.artifacts: where downloads and the Kubernetes apt repository come from.
 *
 * <p>mirror replaces https://github.com in release URLs (same paths below it); aptRepository
 * replaces https://pkgs.k8s.io; checksums maps a release file name to its SHA-256 for versions
 * kubeha's own table does not know.
 */
public record ArtifactsSpec(String mirror, String aptRepository, Map<String, String> checksums) {

  public static final String UPSTREAM_RELEASES = "https://github.com";
  public static final String UPSTREAM_APT = "https://pkgs.k8s.io";
}
