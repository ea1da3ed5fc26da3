package io.kubeha.steps;

/**
 * What a path on a host holds: its SHA-256, octal mode and owner:group; sha256 is null when
 * missing.
 */
record RemoteFileState(String sha256, String mode, String owner) {
  static final RemoteFileState MISSING = new RemoteFileState(null, null, null);

  /** Parses "SHA MODE OWNER:GROUP" or "missing". */
  static RemoteFileState parse(String line) {
    String[] parts = line.trim().split(" ");
    if (parts.length != 3) {
      return MISSING;
    }
    return new RemoteFileState(parts[0], parts[1], parts[2]);
  }

  boolean hasContent(String expectedSha256) {
    return expectedSha256.equalsIgnoreCase(sha256);
  }

  /**
   * True when the mode and owner already match (modes compare as octal numbers: "0644" is "644").
   */
  boolean hasAttributes(String expectedMode, String expectedOwner) {
    return sha256 != null
        && Integer.parseInt(expectedMode, 8) == Integer.parseInt(mode, 8)
        && expectedOwner.equals(owner);
  }
}
