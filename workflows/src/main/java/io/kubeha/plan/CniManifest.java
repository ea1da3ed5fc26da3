package io.kubeha.plan;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import java.util.List;

/**
 * The Calico add-on: manifests/calico.yaml from the release's source archive with
 * CALICO_IPV4POOL_CIDR uncommented and set to the pod subnet, applied with admin.conf.
 */
public final class CniManifest {
  public static final String MANIFEST = KubeadmConfig.DIR + "/calico.yaml";
  static final String KUBECTL = "kubectl --kubeconfig /etc/kubernetes/admin.conf";

  private static final java.util.regex.Pattern CIDR_CHARACTERS =
      java.util.regex.Pattern.compile("[0-9A-Fa-f.:]+/[0-9]{1,3}");

  private CniManifest() {}

  /**
   * A sed program uncommenting the two CALICO_IPV4POOL_CIDR lines, with the pod subnet as the
   * value.
   */
  static String podCidrSed(String podSubnet) {
    // The value goes into a sed program (where GNU sed's e command runs a shell).
    requireCidr(podSubnet);
    return "s|^\\( *\\)# - name: CALICO_IPV4POOL_CIDR$|\\1- name: CALICO_IPV4POOL_CIDR|;"
        + " s|^\\( *\\)#   value: \"192\\.168\\.0\\.0/16\"$|\\1  value: \""
        + podSubnet
        + "\"|";
  }

  /**
   * The pod subnet, refused unless it has only a CIDR's characters, whatever reached the renderer
   * (a manifest or a sed program is no place for anything else).
   */
  static String requireCidr(String podSubnet) {
    if (podSubnet == null || !CIDR_CHARACTERS.matcher(podSubnet).matches()) {
      throw new IllegalArgumentException(
          "spec.kubernetes.podSubnet: not a CIDR (digits, '.', ':' and one '/prefix'); fix the"
              + " inventory");
    }
    return podSubnet;
  }

  /** The add-on's step: Calico's or flannel's, as spec.kubernetes.cni says. */
  public static Step step(Inventory inv) {
    return KubernetesSpec.FLANNEL.equals(inv.spec().kubernetes().cni())
        ? FlannelManifest.step(inv)
        : calico(inv);
  }

  private static Step calico(Inventory inv) {
    Download archive = Artifacts.calico(inv);
    String version = inv.spec().kubernetes().cniVersion();
    String podSubnet = inv.spec().kubernetes().podSubnet();
    String member = Shell.quote("calico-" + version + "/manifests/calico.yaml");
    String check = KUBECTL + " -n kube-system get daemonset calico-node >/dev/null 2>&1";
    String run =
        "tar -xzOf "
            + Shell.quote(archive.path())
            + " "
            + member
            + " | sed "
            + Shell.quote(podCidrSed(podSubnet))
            + " > "
            + MANIFEST
            + ".new"
            + " && grep -qF "
            + Shell.quote("value: \"" + podSubnet + "\"")
            + " "
            + MANIFEST
            + ".new"
            + " && mv -f "
            + MANIFEST
            + ".new "
            + MANIFEST
            + " && "
            + KUBECTL
            + " apply --server-side --force-conflicts -f "
            + MANIFEST;
    return new Step(
        "cni",
        Phase.INSTALL_CNI,
        "Install the Calico network add-on",
        List.of(),
        List.of(archive),
        List.of(Action.guarded("apply-calico", check, run)));
  }
}
