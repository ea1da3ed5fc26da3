package io.kubeha.plan;

import static io.kubeha.plan.Shell.quote;

/**
 * Writes a file on a host atomically: content through stdin into a temp file beside it, checked
 * against its SHA-256, then renamed; the old file stays when the content arrives corrupted.
 */
public final class AtomicWrite {
  private AtomicWrite() {}

  public static String script(String path, String mode, String owner, String sha256) {
    return String.join(
        "\n",
        "set -e",
        "p=" + quote(path),
        "d=$(dirname \"$p\")",
        "mkdir -p \"$d\"",
        "t=$(mktemp \"$d/.kubeha.XXXXXX\")",
        "trap 'rm -f \"$t\"' EXIT",
        "cat > \"$t\"",
        "echo "
            + quote(sha256 + "  ")
            + "\"$t\" | sha256sum -c --status || { echo \"content of $p arrived corrupted\" >&2; exit 1; }",
        "chmod " + quote(mode) + " \"$t\"",
        "chown " + quote(owner) + " \"$t\"",
        "mv -f \"$t\" \"$p\"");
  }
}
