package io.kubeha.starter;

import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Comparator;
import java.util.List;

/** kubeha's runs on a Temporal server, and which cluster a command means when none is named. */
final class ClusterRuns {
  static final String QUERY = "WorkflowType='ClusterBringUp'";

  private ClusterRuns() {}

  /** Every run, newest first (a cluster run again has one entry per run). */
  static List<RunSummary> list(TemporalConnection connection) {
    return connection
        .client()
        .listExecutions(QUERY)
        .sorted(Comparator.comparing(WorkflowExecutionMetadata::getStartTime).reversed())
        .map(RunSummary::of)
        .toList();
  }

  /**
   * The named cluster when it has a run, else the only cluster with runs; BadInputException
   * otherwise.
   */
  static String resolve(TemporalConnection connection, String cluster) {
    if (cluster != null) {
      describe(connection, cluster);
      return cluster;
    }
    List<String> clusters =
        list(connection).stream().map(RunSummary::cluster).distinct().sorted().toList();
    if (clusters.isEmpty()) {
      throw new BadInputException(
          "no kubeha run on Temporal at "
              + connection.address()
              + "; start one with ./kubeha up -f FILE");
    }
    if (clusters.size() > 1) {
      throw new BadInputException(
          clusters.size() + " clusters have runs (" + String.join(", ", clusters) + "); name one");
    }
    return clusters.get(0);
  }

  /** The latest run of a cluster; BadInputException naming the cluster when it has none. */
  static WorkflowExecutionDescription describe(TemporalConnection connection, String cluster) {
    try {
      return connection.untyped(cluster).describe();
    } catch (WorkflowNotFoundException e) {
      throw unknown(connection, cluster);
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        throw unknown(connection, cluster);
      }
      throw e;
    }
  }

  private static BadInputException unknown(TemporalConnection connection, String cluster) {
    return new BadInputException(
        "no run for cluster "
            + cluster
            + " (workflow "
            + WorkflowIds.cluster(cluster)
            + ") on Temporal at "
            + connection.address()
            + "; ./kubeha list shows the runs");
  }
}
