package io.kubeha.inventory;

/** The inventory's spelling of a pinned image reference, for image names given elsewhere. */
public final class ImageReference {
  private ImageReference() {}

  /** True for registry/path:tag or @sha256:digest, without shell metacharacters or spaces. */
  public static boolean isValid(String reference) {
    return Syntax.matches(Syntax.IMAGE_REFERENCE, reference);
  }
}
