package io.kubeha.plan;

import io.kubeha.inventory.Inventory;

/**
 * The NTP server's chrony.conf: the runbook's server config with the upstream pools and the served
 * networks ({@code allow}) from the inventory instead of a hard-coded subnet. No confdir or
 * sourcedir: the distribution's extra pools there would add sources the inventory does not name.
 */
public final class ChronyServerConfig {
  private ChronyServerConfig() {}

  public static String content(Inventory inv) {
    StringBuilder b =
        new StringBuilder("# Managed by kubeha: this host serves time to the cluster.\n");
    for (String pool : inv.spec().ntp().upstream()) {
      b.append("pool ").append(pool).append(" iburst maxsources 4\n");
    }
    b.append(
        """
        keyfile /etc/chrony/chrony.keys
        driftfile /var/lib/chrony/chrony.drift
        ntsdumpdir /var/lib/chrony
        log tracking measurements statistics
        logdir /var/log/chrony
        maxupdateskew 100.0
        rtcsync
        makestep 1 3
        leapsectz right/UTC
        """);
    for (String network : inv.spec().ntp().allow()) {
      b.append("allow ").append(network).append('\n');
    }
    // Keeps serving from the local clock when every upstream is unreachable; stratum 10 so a
    // client prefers any real source.
    return b.append("local stratum 10\n").toString();
  }

  public static Step step(Inventory inv) {
    return Chrony.configStep(
        "chrony-server",
        Phase.START_TIME_SERVER,
        "Serve time to the cluster",
        content(inv),
        "chronyc -n tracking >/dev/null");
  }
}
