package io.kubeha.inventory;

import java.util.Optional;

/** The inventory's spelling of a pinned image reference, for image names given elsewhere. */
public final class ImageReference {
  private ImageReference() {}

  /** Why image is not a pinned reference, or empty when it is. */
  public static Optional<String> problem(String image) {
    return isValid(image)
        ? Optional.empty()
        : Optional.of(
            "\""
                + (image == null ? "" : image.replaceAll("\\p{Cntrl}", "?"))
                + "\" is not a pinned image reference (registry/path:tag or @sha256:digest)");
  }

  /** True for registry/path:tag or @sha256:digest, without shell metacharacters or spaces. */
  public static boolean isValid(String reference) {
    return Syntax.matches(Syntax.IMAGE_REFERENCE, reference);
  }
}
