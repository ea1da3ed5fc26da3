package io.kubeha.starter;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.ClusterSpec;
import io.kubeha.inventory.Inventory;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** `up --bundle FILE`: spec.artifacts.bundle set over the inventory file, as if it said it. */
final class BundleOption {
  private BundleOption() {}

  static UnaryOperator<Inventory> over(Path bundle) {
    if (bundle == null) {
      return UnaryOperator.identity();
    }
    String given = bundle.toAbsolutePath().normalize().toString();
    return raw -> {
      if (raw == null || raw.spec() == null) {
        return raw;
      }
      ClusterSpec s = raw.spec();
      ArtifactsSpec a = s.artifacts() != null ? s.artifacts() : new ArtifactsSpec(null, null, null);
      if (a.bundle() != null && !a.bundle().equals(given)) {
        throw new BadInputException(
            "--bundle "
                + given
                + ": the inventory names another, spec.artifacts.bundle: "
                + a.bundle()
                + " — give one of them");
      }
      return new Inventory(
          raw.apiVersion(), raw.kind(), raw.metadata(), s.withArtifacts(a.withBundle(given)));
    };
  }
}
