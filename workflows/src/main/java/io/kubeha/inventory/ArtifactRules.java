package io.kubeha.inventory;

import java.util.Map;

/** spec.artifacts: mirror and apt repository URLs, and checksums keyed by plain file names. */
final class ArtifactRules {
  private ArtifactRules() {}

  static void check(ArtifactsSpec a, Problems p) {
    url(a.mirror(), "spec.artifacts.mirror", "http://mirror.example:8080", p);
    url(a.aptRepository(), "spec.artifacts.aptRepository", ArtifactsSpec.UPSTREAM_APT, p);
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

  private static void url(String value, String path, String example, Problems p) {
    if (value == null || Syntax.matches(Syntax.HTTP_URL, value)) {
      return;
    }
    String fix =
        value.endsWith("/") && Syntax.matches(Syntax.HTTP_URL, value.replaceAll("/+$", ""))
            ? "drop the trailing /: " + value.replaceAll("/+$", "")
            : "write an http(s) URL with no credentials, query or spaces, e.g. " + example;
    p.add(path, Checks.quote(value) + " is not a plain http(s) URL", fix);
  }
}
