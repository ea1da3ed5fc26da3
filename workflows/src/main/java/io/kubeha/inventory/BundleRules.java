package io.kubeha.inventory;

import java.util.List;

/**
 * spec.artifacts.bundle: an absolute path on the worker's machine, served by the two load balancers
 * on the VIP, which then is where the nodes get everything: mirror, aptRepository and the
 * `_default` registry mirror point there (the defaults set them), and another value for them would
 * reach outside the bundle.
 */
final class BundleRules {
  private static final String PATH = "spec.artifacts.bundle";

  private BundleRules() {}

  static void check(ClusterSpec spec, Problems p) {
    String bundle = spec.artifacts().bundle();
    if (bundle == null) {
      return;
    }
    boolean absolute = bundle.startsWith("/") || bundle.startsWith("~/");
    if (!absolute || bundle.contains("\n") || bundle.contains("\0")) {
      p.add(
          PATH,
          Checks.quote(bundle) + " is not an absolute path",
          "give the bundle's absolute path on the worker's machine, e.g. /srv/kubeha/lab.bundle"
              + " or ~/lab.bundle");
      return;
    }
    String vip = spec.controlPlaneEndpoint().vip();
    if (vip == null) {
      p.add(
          PATH,
          "the two load balancers serve the bundle on the VIP, and this inventory has none",
          "add the two load-balancer hosts and spec.controlPlaneEndpoint.vip, or remove bundle");
      return;
    }
    String url = ArtifactsSpec.bundleUrl(vip);
    same(p, "spec.artifacts.mirror", spec.artifacts().mirror(), url + "/files", "release files");
    same(
        p,
        "spec.artifacts.aptRepository",
        spec.artifacts().aptRepository(),
        url + "/apt",
        "Kubernetes packages");
    List<RegistryMirrorSpec> mirrors = spec.containerRuntime().registryMirrors();
    for (int i = 0; i < mirrors.size(); i++) {
      RegistryMirrorSpec m = mirrors.get(i);
      if (m != null
          && RegistryMirrorSpec.DEFAULT_REGISTRY.equals(m.registry())
          && !List.of(url).equals(m.endpoints())) {
        p.add(
            "spec.containerRuntime.registryMirrors[" + i + "]",
            "the _default mirror would send image pulls past the bundle, which serves every image"
                + " the cluster runs at "
                + url,
            "remove this entry: with spec.artifacts.bundle kubeha writes the _default mirror");
      }
    }
  }

  private static void same(Problems p, String path, String value, String served, String what) {
    if (!served.equals(value)) {
      p.add(
          path,
          Checks.quote(value)
              + " would fetch the "
              + what
              + " past the bundle, which the load balancers serve at "
              + served,
          "remove "
              + path.substring(path.lastIndexOf('.') + 1)
              + ": with spec.artifacts.bundle"
              + " kubeha sets it");
    }
  }
}
