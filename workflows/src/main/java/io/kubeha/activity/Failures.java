package io.kubeha.activity;

import java.util.List;

/** Failure types activities raise, shared with the workflows' retry policies. */
public final class Failures {
  private Failures() {}

  /** The host offered a key that known_hosts does not list, or lists differently. */
  public static final String HOST_KEY_MISMATCH = "HostKeyMismatch";

  /** The host runs an OS the inventory does not allow. */
  public static final String UNSUPPORTED_OS = "UnsupportedOs";

  /** The inventory is invalid; nothing can fix this by retrying. */
  public static final String INVALID_INVENTORY = "InvalidInventory";

  /** A downloaded artifact's SHA-256 differs from the expected one. */
  public static final String CHECKSUM_MISMATCH = "ChecksumMismatch";

  /** kubeha knows no checksum for an artifact the plan needs (etcd's tools of an etcd release). */
  public static final String MISSING_CHECKSUM = "MissingChecksum";

  /** The SSH key cannot be read or is refused. */
  public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";

  /** Types no retry can fix. */
  public static final List<String> NON_RETRYABLE =
      List.of(
          HOST_KEY_MISMATCH,
          UNSUPPORTED_OS,
          INVALID_INVENTORY,
          CHECKSUM_MISMATCH,
          MISSING_CHECKSUM,
          AUTHENTICATION_FAILED);
}
