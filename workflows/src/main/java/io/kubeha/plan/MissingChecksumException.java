package io.kubeha.plan;

/** A release file whose SHA-256 kubeha does not know: the plan cannot be rendered without it. */
public final class MissingChecksumException extends IllegalArgumentException {

  public MissingChecksumException(String fileName, String url) {
    super(
        "no SHA-256 known for "
            + fileName
            + " ("
            + url
            + "): add spec.artifacts.checksums."
            + fileName
            + " to the inventory, with the value from the release's published .sha256sum file");
  }
}
