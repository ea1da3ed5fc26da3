package io.kubeha.campaign;

import io.kubeha.worker.LabCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Temporal server a campaign run talks to, and its faults: the dev server, or
 * scripts/temporal-stack.
 */
interface CampaignTemporal extends AutoCloseable {
  /** The lab of one run, on this server. */
  LabCluster startLab(int masters, int workers, int lbs, Path state) throws Exception;

  /** The frontend's address for kubeha's processes. */
  String address();

  /** What else kubeha's processes need in their environment to connect (TLS settings). */
  default Map<String, String> clientEnvironment() {
    return Map.of();
  }

  /**
   * kill -9 of the server, down for outage, then the same server again (same database, same port).
   */
  void killServer(Duration outage) throws Exception;

  /** kill -9 of the database's postmaster, down for outage, then started again. */
  void killDatabase(Duration outage) throws Exception;

  /** Nothing to close but what the lab closes, unless the server is one of the campaign's own. */
  @Override
  default void close() throws Exception {}

  /** Which server a campaign runs on, and the fault kinds it can take. */
  enum Kind {
    /** A dev server on SQLite (the default). */
    DEV(FaultKind.ON_DEV_SERVER),
    /** scripts/temporal-stack: PostgreSQL, the server, the UI. */
    STACK(FaultKind.ON_STACK);

    final List<FaultKind> faults;

    Kind(List<FaultKind> faults) {
      this.faults = faults;
    }

    /** "dev" or "stack", as -Dkubeha.campaign.temporal gives it. */
    static Kind named(String name) {
      return switch (name) {
        case "dev" -> DEV;
        case "stack" -> STACK;
        default ->
            throw new IllegalArgumentException(
                "kubeha.campaign.temporal: dev or stack; got " + name);
      };
    }

    /** A server of this kind for one run; the stack's state goes under state. */
    CampaignTemporal start(Path state) throws Exception {
      return this == DEV ? new DevServerTemporal() : StackTemporal.up(state);
    }

    /** The campaign table's file: campaign-SEED.md on the dev server, campaign-stack-SEED.md. */
    String tableName(long seed) {
      return "campaign-" + (this == DEV ? "" : "stack-") + seed + ".md";
    }
  }
}
