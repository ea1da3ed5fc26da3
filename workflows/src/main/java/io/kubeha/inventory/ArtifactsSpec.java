package io.kubeha.inventory;

import java.util.Map;

/**
 * spec.artifacts: where downloads and the Kubernetes apt repository come from.
 *
 * <p>mirror replaces https://github.com in release URLs (same paths below it); aptRepository
 * replaces https://pkgs.k8s.io; aptKeyFingerprint is the fingerprint of the key that signs
 * aptRepository (pkgs.k8s.io's by default; a mirror must give it), checked before the key is
 * installed; insecure allows http:// in mirror and aptRepository; checksums maps a release file
 * name to its SHA-256 for versions kubeha's own table does not know.
 *
 * <p>bundle: a file made by `kubeha bundle create`, on the worker's machine. The load balancers
 * serve it to the nodes (files, apt repository, images) on {@link #BUNDLE_PORT} of the VIP, and
 * mirror, aptRepository and a `_default` registry mirror point there: nothing else is fetched.
 */
public record ArtifactsSpec(
    String mirror,
    String aptRepository,
    String aptKeyFingerprint,
    Boolean insecure,
    Map<String, String> checksums,
    String bundle) {

  public static final String UPSTREAM_RELEASES = "https://github.com";
  public static final String UPSTREAM_APT = "https://pkgs.k8s.io";

  /**
   * The fingerprint of pkgs.k8s.io's signing key ("isv:kubernetes OBS Project
   * <isv:kubernetes@build.opensuse.org>", rsa2048, 2022-08-25), the one key of every core:/stable:
   * repository. Source: `gpg` of https://pkgs.k8s.io/core:/stable:/v1.25/, v1.26/ and
   * v1.27/deb/Release.key in https://github.com/kubernetes/kubernetes/issues/128609, and the key id
   * 234654DA9A296436 of all pkgs.k8s.io repositories in
   * https://github.com/kubernetes/release/issues/3818 (its expiry was extended in 2024: same key,
   * same fingerprint).
   */
  public static final String UPSTREAM_APT_KEY_FINGERPRINT =
      "DE15B14486CD377B9E876E1A234654DA9A296436";

  /** Where the load balancers serve a bundle, on every address (the VIP's among them). */
  public static final int BUNDLE_PORT = 18090;

  public ArtifactsSpec(
      String mirror,
      String aptRepository,
      String aptKeyFingerprint,
      Boolean insecure,
      Map<String, String> checksums) {
    this(mirror, aptRepository, aptKeyFingerprint, insecure, checksums, null);
  }

  /** The same artifacts with another bundle. */
  public ArtifactsSpec withBundle(String file) {
    return new ArtifactsSpec(mirror, aptRepository, aptKeyFingerprint, insecure, checksums, file);
  }

  /** The base URL the load balancers serve a bundle at: the VIP's. */
  public static String bundleUrl(String vip) {
    return "http://" + vip + ":" + BUNDLE_PORT;
  }

  /** Without the apt key's fingerprint or insecure (both null: upstream's, https only). */
  public ArtifactsSpec(String mirror, String aptRepository, Map<String, String> checksums) {
    this(mirror, aptRepository, null, null, checksums);
  }

  /** True when aptRepository is pkgs.k8s.io, whose key kubeha knows (null: the default). */
  public static boolean upstreamApt(String aptRepository) {
    return aptRepository == null
        || aptRepository.equals(UPSTREAM_APT)
        || aptRepository.equals(UPSTREAM_APT + "/");
  }
}
