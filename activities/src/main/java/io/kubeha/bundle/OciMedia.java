package io.kubeha.bundle;

/** The manifest media types kubeha reads, OCI's and Docker's. */
final class OciMedia {
  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

  private OciMedia() {}

  static boolean isIndex(String mediaType) {
    return INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
  }
}
