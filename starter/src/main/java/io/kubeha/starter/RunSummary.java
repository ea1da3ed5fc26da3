package io.kubeha.starter;

import io.kubeha.workflow.engine.SearchAttributeKeys;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One kubeha run as the server lists it: its cluster, state and KubehaPhase; times are ISO-8601 to
 * the second, closed null while open.
 */
public record RunSummary(
    String cluster,
    String workflowId,
    String runId,
    String status,
    String phase,
    String started,
    String closed) {

  static final String ID_PREFIX = "kubeha-";

  static RunSummary of(WorkflowExecutionMetadata m) {
    String id = m.getExecution().getWorkflowId();
    String cluster = id.startsWith(ID_PREFIX) ? id.substring(ID_PREFIX.length()) : id;
    return new RunSummary(
        cluster,
        id,
        m.getExecution().getRunId(),
        RunStatus.name(m.getStatus()),
        m.getTypedSearchAttributes().get(SearchAttributeKeys.KUBEHA_PHASE),
        iso(m.getStartTime()),
        iso(m.getCloseTime()));
  }

  private static String iso(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
