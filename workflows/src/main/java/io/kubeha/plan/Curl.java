package io.kubeha.plan;

import io.kubeha.inventory.ArtifactsSpec;

/**
 * curl as kubeha runs it on a host to fetch from spec.artifacts' sources: https only, redirects
 * included (plain curl -L follows https to http), unless the inventory says insecure: true; then
 * http too, and still no other protocol.
 */
public final class Curl {
  static final String HTTPS_ONLY = "--proto =https --proto-redir =https";
  static final String HTTP_ALLOWED = "--proto =http,https --proto-redir =http,https";

  private Curl() {}

  /** curl writing url to file, failing on an HTTP error; url is quoted here. */
  public static String download(ArtifactsSpec artifacts, String file, String url) {
    return "curl " + protocols(artifacts) + " -fsSL -o " + file + " " + Shell.quote(url);
  }

  static String protocols(ArtifactsSpec artifacts) {
    return artifacts != null && Boolean.TRUE.equals(artifacts.insecure())
        ? HTTP_ALLOWED
        : HTTPS_ONLY;
  }
}
