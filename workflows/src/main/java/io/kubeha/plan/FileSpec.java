package io.kubeha.plan;

/** A file a step holds on a host: written only when the SHA-256 of its content differs. */
public record FileSpec(String path, String mode, String owner, String content, String sha256) {

  public static FileSpec of(String path, String mode, String content) {
    return new FileSpec(path, mode, "root:root", content, Sha256.hex(content));
  }
}
