package io.kubeha.plan;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.util.List;

/**
 * The load-balancer steps: packages first (so no package later finds kubeha's files and asks about
 * them), then keepalived and the nginx stream proxy.
 */
public final class LoadBalancer {
  static final int START_SECONDS = 20;

  private LoadBalancer() {}

  public static Step packages() {
    String have =
        Apt.haveCommands("keepalived", "nginx", "curl")
            + " && test -e /usr/lib/nginx/modules/ngx_stream_module.so";
    List<String> packages = List.of("keepalived", "nginx", "libnginx-mod-stream", "curl");
    return new Step(
        "lb-packages",
        Phase.CONFIGURE_LOAD_BALANCERS,
        "Install keepalived and nginx",
        List.of(),
        List.of(),
        List.of(Apt.install("install-lb-packages", have, packages)));
  }

  public static Step keepalived(Inventory inv, HostSpec lb) {
    String active = "systemctl is-active --quiet keepalived";
    return new Step(
        "keepalived",
        Phase.CONFIGURE_LOAD_BALANCERS,
        "Configure keepalived for the VIP",
        List.of(
            FileSpec.of(KeepalivedConfig.CHECK_SCRIPT, "0755", KeepalivedConfig.checkScript(inv)),
            FileSpec.of(KeepalivedConfig.PATH, "0644", KeepalivedConfig.content(inv, lb))),
        List.of(),
        List.of(
            new Action(
                "restart-keepalived",
                null,
                "keepalived -t -f "
                    + KeepalivedConfig.PATH
                    + " && "
                    + Systemd.restart("keepalived"),
                active,
                false,
                Action.DEFAULT_TIMEOUT_SECONDS),
            Action.guarded(
                "enable-keepalived",
                "systemctl is-enabled --quiet keepalived && " + active,
                Systemd.enableNow("keepalived"))));
  }

  /** nginx's config checked, then reloaded once something it reads changed; then started. */
  static Action reloadNginx(String started) {
    return new Action(
        "reload-nginx",
        null,
        "nginx -t && " + Systemd.reloadOrRestart("nginx"),
        started,
        false,
        Action.DEFAULT_TIMEOUT_SECONDS);
  }

  public static Step nginx(Inventory inv) {
    String port = Shell.quote("sport = :" + inv.spec().controlPlaneEndpoint().port());
    String listening = "ss -Hltn " + port + " | grep -q .";
    String started = Shell.waitFor(listening, START_SECONDS);
    String running = "systemctl is-enabled --quiet nginx && systemctl is-active --quiet nginx";
    return new Step(
        "nginx",
        Phase.CONFIGURE_LOAD_BALANCERS,
        "Configure the nginx proxy to the API servers",
        List.of(FileSpec.of(NginxStreamConfig.PATH, "0644", NginxStreamConfig.content(inv))),
        List.of(),
        List.of(
            reloadNginx(started),
            new Action(
                "enable-nginx",
                running,
                Systemd.enableNow("nginx"),
                started,
                false,
                Action.DEFAULT_TIMEOUT_SECONDS)));
  }
}
