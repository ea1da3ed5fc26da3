package io.kubeha.plan;

import io.kubeha.inventory.Inventory;

/** A client's chrony.conf: the cluster's NTP server as its only source. */
public final class ChronyClientConfig {
  private ChronyClientConfig() {}

  public static String content(Inventory inv) {
    return """
        # Managed by kubeha: this host takes its time from the cluster's time server.
        server %s iburst
        driftfile /var/lib/chrony/chrony.drift
        makestep 1 3
        rtcsync
        keyfile /etc/chrony/chrony.keys
        leapsectz right/UTC
        log tracking measurements statistics
        logdir /var/log/chrony
        """
        .formatted(inv.ntpServer().address());
  }

  public static Step step(Inventory inv) {
    String listsServer = "chronyc -n sources | grep -qwF " + Shell.quote(inv.ntpServer().address());
    return Chrony.configStep(
        "chrony-client",
        Phase.SYNC_TIME_CLIENTS,
        "Sync time from the cluster's time server",
        content(inv),
        listsServer);
  }
}
