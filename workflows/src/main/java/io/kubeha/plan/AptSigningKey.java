package io.kubeha.plan;

import io.kubeha.inventory.ArtifactsSpec;
import java.util.Optional;

/**
 * The apt repository's signing key goes into the keyring only when its fingerprint is the one
 * kubeha knows (pkgs.k8s.io) or the inventory gives (spec.artifacts.aptKeyFingerprint): the key is
 * fetched from the repository itself, so without the check whoever answers for the repository
 * chooses the key that apt then trusts.
 *
 * <p>The fingerprint is gpg's own (--show-keys --with-colons: the fpr line of the one primary key),
 * read with a throwaway GNUPGHOME so no keyring of root's is created or consulted. A file of more
 * than one key is refused whatever its first key is.
 */
public final class AptSigningKey {
  static final String FIELD = "spec.artifacts.aptKeyFingerprint";

  /** The primary key's fingerprint if the input holds exactly one key, else how many it holds. */
  private static final String ONE_KEY =
      "awk -F: '$1==\"pub\"{n++; p=1} $1==\"fpr\"&&p{f=$10; p=0}"
          + " END{if (n==1) print f; else print \"none (\" n+0 \" keys in the file)\"}'";

  private AptSigningKey() {}

  /** The inventory's fingerprint, else pkgs.k8s.io's for pkgs.k8s.io; empty for a mirror. */
  public static Optional<String> expected(ArtifactsSpec a) {
    if (a != null && a.aptKeyFingerprint() != null) {
      return Optional.of(a.aptKeyFingerprint());
    }
    return ArtifactsSpec.upstreamApt(a == null ? null : a.aptRepository())
        ? Optional.of(ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT)
        : Optional.empty();
  }

  /** Sets $fpr to the fingerprint of the one key in file (its text when not exactly one). */
  static String fingerprintOf(String file) {
    return "h=$(mktemp -d) && fpr=$(gpg --homedir \"$h\" --batch --quiet --with-colons --show-keys "
        + file
        + " 2>/dev/null | "
        + ONE_KEY
        + "); rm -rf \"$h\"";
  }

  /** Exits 0 when keyring holds exactly the expected key. */
  static String installed(String keyring, Optional<String> expected) {
    if (expected.isEmpty()) {
      return "false";
    }
    return "test -s "
        + keyring
        + " && { "
        + fingerprintOf(keyring)
        + "; [ \"$fpr\" = "
        + Shell.quote(expected.get())
        + " ]; }";
  }

  /**
   * Fetches the key at url to download, and dearmors it into keyring only when its fingerprint is
   * the expected one; otherwise fails naming both, leaving no file behind.
   */
  static String install(
      ArtifactsSpec artifacts,
      String url,
      String download,
      String keyring,
      Optional<String> expected) {
    if (expected.isEmpty()) {
      // Only an input that skipped the validator gets here (it asks for the field).
      return "printf '*** %s: no "
          + FIELD
          + " for this repository; kubeha trusts no key unchecked\\n' "
          + Shell.quote(url)
          + " >&2; false";
    }
    String want = Shell.quote(expected.get());
    return "install -d -m 755 /etc/apt/keyrings && "
        + Curl.download(artifacts, download, url)
        + " && { "
        + fingerprintOf(download)
        + "; [ \"$fpr\" = "
        + want
        + " ] || { printf '*** %s: signing key fingerprint %s, expected %s ("
        + FIELD
        + ")\\n' "
        + Shell.quote(url)
        + " \"$fpr\" "
        + want
        + " >&2; rm -f "
        + download
        + "; false; }; } && gpg --batch --yes --dearmor -o "
        + keyring
        + " "
        + download
        + " && rm -f "
        + download;
  }
}
