package io.kubeha.plan;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;

/**
 * A load balancer's whole /etc/nginx/nginx.conf: a TCP (stream) proxy from the endpoint port to
 * every control plane's API server. Debian's own nginx.conf has no stream block and includes conf.d
 * only inside http, so kubeha owns the file; the stream module is loaded through modules-enabled,
 * where libnginx-mod-stream puts it.
 *
 * <p>max_fails=0: before init every master refuses, and the health check's probes would mark them
 * all down for fail_timeout, so the first requests after init would find "no live upstreams"; a
 * refused connection moves on to the next master at once anyway, and a short connect timeout bounds
 * what a dead one costs.
 */
public final class NginxStreamConfig {
  public static final String PATH = "/etc/nginx/nginx.conf";
  public static final String MODULES_INCLUDE = "include /etc/nginx/modules-enabled/*.conf;";

  private NginxStreamConfig() {}

  public static String content(Inventory inv) {
    StringBuilder servers = new StringBuilder();
    for (HostSpec cp : inv.controlPlanes()) {
      servers
          .append("        server ")
          .append(cp.address())
          .append(':')
          .append(KubernetesSpec.API_SERVER_PORT)
          .append(" max_fails=0;\n");
    }
    return """
        # Managed by kubeha.
        user www-data;
        worker_processes auto;
        pid /run/nginx.pid;
        error_log /var/log/nginx/error.log;
        %s

        events {
            worker_connections 1024;
        }

        stream {
            log_format proxy_log '$remote_addr [$time_local] $protocol $status $bytes_sent $bytes_received $session_time';

            upstream kube_apiserver {
        %s    }

            server {
                listen %d;
                proxy_pass kube_apiserver;
                proxy_connect_timeout 2s;
                access_log /var/log/nginx/k8s-apiserver-access.log proxy_log;
                error_log /var/log/nginx/k8s-apiserver-error.log;
            }
        }
        """
            .formatted(MODULES_INCLUDE, servers, inv.spec().controlPlaneEndpoint().port())
        + BundleServer.httpBlock(inv);
  }
}
