package io.kubeha.starter;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.Locale;

/** Short lowercase names for Temporal's execution states: running, completed, failed, ... */
final class RunStatus {
  private static final String PREFIX = "WORKFLOW_EXECUTION_STATUS_";

  private RunStatus() {}

  static String name(WorkflowExecutionStatus status) {
    String n = status.name();
    return (n.startsWith(PREFIX) ? n.substring(PREFIX.length()) : n)
        .toLowerCase(Locale.ROOT)
        .replace('_', '-');
  }

  static boolean open(WorkflowExecutionStatus status) {
    return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }
}
