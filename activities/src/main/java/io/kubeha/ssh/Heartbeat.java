package io.kubeha.ssh;

/**
 * Called every few seconds while a remote command runs. An activity passes {@code
 * Activity.getExecutionContext()::heartbeat}, which throws on cancellation; the command is then
 * killed and the exception propagates.
 */
@FunctionalInterface
public interface Heartbeat {
  Heartbeat NONE = details -> {};

  void beat(String details);
}
