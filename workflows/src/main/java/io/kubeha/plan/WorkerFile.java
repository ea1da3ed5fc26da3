package io.kubeha.plan;

/**
 * A file a step holds on a host whose content the worker completes when it applies the step, from a
 * file on the worker's machine (source): a registry's credentials, which must never enter the plan,
 * workflow history or logs, or a CA bundle, which is read when the step runs like the SSH key.
 * Written like a {@link FileSpec}: only when the SHA-256 of the completed content differs.
 *
 * <p>fill says how source completes it; template is the content around the secret (null for a PEM);
 * field names the inventory field that gave source, so an error points at it.
 */
public record WorkerFile(
    String path,
    String mode,
    String owner,
    Fill fill,
    String source,
    String field,
    String template) {

  /** How the source file's text becomes the file's content. */
  public enum Fill {
    /** The content is the source: a PEM bundle of CA certificates, checked as such. */
    PEM_CERTIFICATES,
    /**
     * The template with each {@link RegistryCredentials#PLACEHOLDER} replaced by the HTTP Basic
     * Authorization value of the source's one line user:password.
     */
    BASIC_AUTH
  }

  /**
   * The final content from the source file's text. Pure, so it is tested without a host; an
   * IllegalArgumentException names field and the fix, never the text.
   */
  public String complete(String sourceText) {
    return switch (fill) {
      case PEM_CERTIFICATES -> RegistryCredentials.checkedPem(sourceText, field, source);
      case BASIC_AUTH ->
          template.replace(
              RegistryCredentials.PLACEHOLDER,
              RegistryCredentials.basicAuthorization(sourceText, field, source));
    };
  }
}
