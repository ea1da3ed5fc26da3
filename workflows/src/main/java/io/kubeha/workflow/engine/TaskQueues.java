package io.kubeha.workflow.engine;

/** Task queues the worker polls and the starter targets. */
public final class TaskQueues {
  private TaskQueues() {}

  public static final String KUBEHA = "kubeha";
}
