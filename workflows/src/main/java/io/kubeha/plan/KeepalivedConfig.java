package io.kubeha.plan;

import io.kubeha.inventory.ControlPlaneEndpointSpec;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.util.List;

/**
 * keepalived.conf for one of the two load balancers: one VIP on both, MASTER 100 on the first and
 * BACKUP 98 on the second, unicast to the peer and adverts taken only from the peer's address
 * (check_unicast_src: another host on the LAN cannot take the VIP by advertising a higher
 * priority), VRRPv3 without an authentication block (VRRPv3 dropped it; kubeha writes no fixed
 * secret), and a health check of the API through this host.
 */
public final class KeepalivedConfig {
  public static final String PATH = "/etc/keepalived/keepalived.conf";
  public static final String CHECK_SCRIPT = "/etc/keepalived/check_apiserver.sh";
  public static final int MASTER_PRIORITY = 100;
  public static final int BACKUP_PRIORITY = 98;
  // Larger than the priority gap, so a failing check on the master hands the VIP to a healthy
  // backup.
  static final int CHECK_WEIGHT = -5;

  private KeepalivedConfig() {}

  public static String content(Inventory inv, HostSpec lb) {
    List<HostSpec> pair = inv.loadBalancers();
    boolean master = pair.get(0).name().equals(lb.name());
    ControlPlaneEndpointSpec ep = inv.spec().controlPlaneEndpoint();
    StringBuilder peers = new StringBuilder();
    pair.stream()
        .filter(h -> !h.name().equals(lb.name()))
        .forEach(h -> peers.append("        ").append(h.address()).append('\n'));
    return """
        ! Managed by kubeha.
        global_defs {
            router_id %s
            vrrp_version 3
            enable_script_security
            script_user root
        }

        vrrp_script check_apiserver {
            script "%s"
            interval 3
            timeout 3
            weight %d
            fall 3
            rise 2
        }

        vrrp_instance kubeha_api {
            state %s
            interface %s
            virtual_router_id %d
            priority %d
            advert_int 1
            unicast_src_ip %s
            check_unicast_src
            unicast_fault_no_peer
            unicast_peer {
        %s    }
            virtual_ipaddress {
                %s
            }
            track_script {
                check_apiserver
            }
        }
        """
        .formatted(
            lb.name(),
            CHECK_SCRIPT,
            CHECK_WEIGHT,
            master ? "MASTER" : "BACKUP",
            ep.networkInterface(),
            ep.virtualRouterId(),
            master ? MASTER_PRIORITY : BACKUP_PRIORITY,
            lb.address(),
            peers,
            ep.vip());
  }

  /** Fails when the API does not answer through this host's nginx on the endpoint port. */
  public static String checkScript(Inventory inv) {
    String url = "https://127.0.0.1:" + inv.spec().controlPlaneEndpoint().port() + "/healthz";
    return """
        #!/bin/sh
        # Managed by kubeha: keepalived lowers this balancer's priority while this fails.
        curl -sfk --max-time 2 -o /dev/null %s || { echo "*** GET %s failed" >&2; exit 1; }
        """
        .formatted(url, url);
  }
}
