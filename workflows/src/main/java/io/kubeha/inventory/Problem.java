package io.kubeha.inventory;

/**
 * One thing wrong with an inventory: where (a field path like spec.hosts[3].address), what, and the
 * fix.
 */
public record Problem(String path, String message, String fix) {

  /** The one-line form the CLI prints: {@code path: message — fix}. */
  @Override
  public String toString() {
    return path + ": " + message + (fix == null || fix.isEmpty() ? "" : " — " + fix);
  }
}
