package io.kubeha.starter;

/**
 * The operator's input cannot be used (a missing file, an invalid inventory): exit 2 with this
 * message.
 */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
