package io.kubeha.bundle;

/** A bundle cannot be made or read: the message names the file or entry and what went wrong. */
public class BundleException extends RuntimeException {
  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
