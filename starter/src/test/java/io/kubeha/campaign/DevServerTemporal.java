package io.kubeha.campaign;

import io.kubeha.worker.LabCluster;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Temporal dev server (SQLite) that LabCluster starts with the lab and restarts on the same
 * file.
 */
final class DevServerTemporal implements CampaignTemporal {
  private LabCluster cluster;

  DevServerTemporal() {}

  /** The dev server of a lab already started. */
  DevServerTemporal(LabCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public LabCluster startLab(int masters, int workers, int lbs, Path state) throws Exception {
    cluster = LabCluster.start(masters, workers, lbs, state);
    return cluster;
  }

  @Override
  public String address() {
    return cluster.server.address();
  }

  @Override
  public void killServer(Duration outage) throws Exception {
    cluster.killAndRestartServer(outage);
  }

  @Override
  public void killDatabase(Duration outage) {
    throw new UnsupportedOperationException(
        "the dev server keeps its data in SQLite: no database to kill");
  }
}
