package io.kubeha.inventory;

import java.util.Locale;
import java.util.Map;

/**
 * spec.artifacts: mirror and apt repository URLs (plain HTTP only with insecure: true), the apt
 * key's fingerprint (required for any repository but pkgs.k8s.io), and checksums keyed by plain
 * file names.
 */
final class ArtifactRules {
  private static final String FINGERPRINT_PATH = "spec.artifacts.aptKeyFingerprint";

  private ArtifactRules() {}

  static void check(ArtifactsSpec a, Problems p) {
    url(a.mirror(), "spec.artifacts.mirror", "https://mirror.example", a, p);
    url(a.aptRepository(), "spec.artifacts.aptRepository", ArtifactsSpec.UPSTREAM_APT, a, p);
    fingerprint(a, p);
    for (Map.Entry<String, String> e : a.checksums().entrySet()) {
      String path = "spec.artifacts.checksums[" + e.getKey() + "]";
      Checks.matches(
          p,
          path,
          e.getKey(),
          Syntax.FILE_NAME,
          "a plain file name",
          "use the release file's name without a directory, e.g. containerd-2.0.4-linux-amd64.tar.gz");
      String sha = e.getValue();
      if (sha != null && !Syntax.matches(Syntax.SHA256, sha)) {
        String fix =
            Syntax.matches(Syntax.SHA256, sha.toLowerCase())
                ? "write it in lowercase"
                : "give the 64 hex digits sha256sum prints";
        p.add(path, Checks.quote(sha) + " is not a SHA-256", fix);
      }
    }
  }

  private static void url(String value, String path, String example, ArtifactsSpec a, Problems p) {
    if (value == null) {
      return;
    }
    if (!Syntax.matches(Syntax.HTTP_URL, value)) {
      String fix =
          value.endsWith("/") && Syntax.matches(Syntax.HTTP_URL, value.replaceAll("/+$", ""))
              ? "drop the trailing /: " + value.replaceAll("/+$", "")
              : "write an http(s) URL with no credentials, query or spaces, e.g. " + example;
      p.add(path, Checks.quote(value) + " is not a plain http(s) URL", fix);
      return;
    }
    if (value.startsWith("http://") && !Boolean.TRUE.equals(a.insecure())) {
      p.add(
          path,
          Checks.quote(value) + " is plain HTTP, which anyone on the way can change",
          "use an https:// URL, or set spec.artifacts.insecure: true to allow http://"
              + " (the apt key is still checked by its fingerprint, releases by SHA-256)");
    }
  }

  /**
   * Filled with pkgs.k8s.io's by the defaults; any other repository must vouch for its own (asked
   * only once the repository's URL is a good one).
   */
  private static void fingerprint(ArtifactsSpec a, Problems p) {
    String value = a.aptKeyFingerprint();
    if (value == null && Syntax.matches(Syntax.HTTP_URL, a.aptRepository())) {
      p.add(
          FINGERPRINT_PATH,
          "is missing: kubeha knows only pkgs.k8s.io's key, and aptRepository is "
              + Checks.quote(a.aptRepository()),
          "give the fingerprint of the key that signs that repository, as `gpg --show-keys"
              + " --with-colons Release.key` prints it, from someone you trust rather than the"
              + " repository itself; a plain mirror of pkgs.k8s.io keeps pkgs.k8s.io's key, "
              + ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT);
      return;
    }
    if (value == null || Syntax.matches(Syntax.KEY_FINGERPRINT, value)) {
      return;
    }
    String compact = value.replace(" ", "").toUpperCase(Locale.ROOT);
    String fix =
        Syntax.matches(Syntax.KEY_FINGERPRINT, compact)
            ? "write it as gpg --with-colons prints it: " + compact
            : "give the key's 40 hex digits, e.g. pkgs.k8s.io's "
                + ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT;
    p.add(FINGERPRINT_PATH, Checks.quote(value) + " is not an OpenPGP key fingerprint", fix);
  }
}
