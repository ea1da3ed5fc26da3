package io.kubeha.campaign;

import io.kubeha.worker.LabCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Temporal server a campaign run talks to, and its faults: the dev server, or
 * scripts/temporal-stack.
 */
interface CampaignTemporal extends AutoCloseable {
  /** The lab of one run, on this server. */
  LabCluster startLab(int masters, int workers, int lbs, Path state) throws Exception;

  /** The frontend's address for kubeha's processes. */
  String address();

  /**
   * kill -9 of the server, down for outage, then the same server again (same database, same port).
   */
  void killServer(Duration outage) throws Exception;

  /** kill -9 of the database's postmaster, down for outage, then started again. */
  void killDatabase(Duration outage) throws Exception;

  /** The fault kinds this server can take. */
  List<FaultKind> kinds();

  /** Nothing to close but what the lab closes, unless the server is one of the campaign's own. */
  @Override
  default void close() throws Exception {}

  /** "dev" (the default) or "stack"; the stack's state goes under state. */
  static CampaignTemporal named(String name, Path state) throws Exception {
    return switch (name) {
      case "dev" -> new DevServerTemporal();
      case "stack" -> StackTemporal.up(state);
      default ->
          throw new IllegalArgumentException("kubeha.campaign.temporal: dev or stack; got " + name);
    };
  }
}
