package io.kubeha.lab;

/** A lab command failed or timed out. */
public class LabException extends RuntimeException {
  public LabException(String message) {
    super(message);
  }
}
