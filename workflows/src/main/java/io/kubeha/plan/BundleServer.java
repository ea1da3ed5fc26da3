package io.kubeha.plan;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.Inventory;
import java.util.List;

/**
 * The load balancers serve the inventory's bundle to the nodes with the nginx they already run: an
 * http server on {@link ArtifactsSpec#BUNDLE_PORT} whose root is the unpacked bundle (files/ as the
 * release mirror, apt/ as the apt repository) and whose /v2/ locations serve its images read-only
 * as a registry mirror. The server block is in kubeha's nginx.conf; the image locations come from
 * the bundle's own manifests, so the worker writes them when it unpacks it.
 */
public final class BundleServer {
  public static final String DIRECTORY = "/var/lib/kubeha/bundle";
  public static final String LOCATIONS = "/etc/nginx/kubeha-bundle-images.conf";
  static final String FIELD = "spec.artifacts.bundle";

  private BundleServer() {}

  /** The server block for nginx.conf, or "" without a bundle. */
  static String httpBlock(Inventory inv) {
    if (inv.spec().artifacts().bundle() == null) {
      return "";
    }
    // The include is a pattern so nginx -t passes before the first upload wrote the file.
    return """

        http {
            default_type application/octet-stream;
            sendfile on;
            access_log /var/log/nginx/kubeha-bundle-access.log;

            server {
                listen %d;
                root %s;
                location / {
                    return 404;
                }
                location /files/ {
                }
                location /apt/ {
                }
                include %s*;
            }
        }
        """
        .formatted(ArtifactsSpec.BUNDLE_PORT, DIRECTORY, LOCATIONS);
  }

  /** The load balancer's step: unpack the bundle, then reload nginx and wait until it serves. */
  public static Step step(Inventory inv) {
    String serving =
        "curl -sf --max-time 2 -o /dev/null http://127.0.0.1:" + ArtifactsSpec.BUNDLE_PORT + "/v2/";
    return new Step(
        "bundle-serve",
        Phase.SERVE_BUNDLE,
        "Unpack the bundle and serve it",
        List.of(),
        List.of(),
        List.of(LoadBalancer.reloadNginx(Shell.waitFor(serving, LoadBalancer.START_SECONDS))),
        List.of(),
        new ServedBundle(inv.spec().artifacts().bundle(), FIELD, DIRECTORY, LOCATIONS));
  }
}
