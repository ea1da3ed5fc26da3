package io.kubeha.plan;

import io.kubeha.inventory.ContainerRuntimeSpec;
import io.kubeha.inventory.KubernetesSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What `kubeha versions` prints: the Kubernetes releases tested here and the runtime versions with
 * known checksums.
 */
public final class Releases {
  /** Newest first; each one's kubeadm, etcd and API servers ran the lab's bring-up. */
  public static final List<KubernetesRelease> KUBERNETES =
      List.of(
          new KubernetesRelease(
              "1.37.2", "3.7.0", "3.10.2", true, "the default; built and tested in the kubeha lab"),
          new KubernetesRelease(
              "1.36.3",
              "3.6.8",
              "3.10.2",
              false,
              "the previous minor; built and tested in the kubeha lab"));

  /** A release file whose SHA-256 kubeha knows, and where that value comes from. */
  public record Artifact(
      String component,
      String version,
      String file,
      String sha256,
      boolean isDefault,
      String source) {}

  private static final List<Pattern> FILES =
      List.of(
          Pattern.compile("(containerd)-(\\d+\\.\\d+\\.\\d+)-linux-amd64\\.tar\\.gz"),
          Pattern.compile("(runc)-(\\d+\\.\\d+\\.\\d+)\\.amd64"),
          Pattern.compile("(cni-plugins)-linux-amd64-v(\\d+\\.\\d+\\.\\d+)\\.tgz"),
          Pattern.compile("(calico)-(\\d+\\.\\d+\\.\\d+)\\.tar\\.gz"));

  private Releases() {}

  /** Every artifact of the checksum table, by component and then newest version first. */
  public static List<Artifact> artifacts() {
    List<Artifact> out = new ArrayList<>();
    for (ChecksumTable.Entry e : ChecksumTable.entries()) {
      for (Pattern p : FILES) {
        Matcher m = p.matcher(e.fileName());
        if (m.matches()) {
          out.add(
              new Artifact(
                  m.group(1),
                  m.group(2),
                  e.fileName(),
                  e.sha256(),
                  isDefault(m.group(1), m.group(2)),
                  e.source()));
        }
      }
    }
    out.sort(
        Comparator.comparing(
                (Artifact a) ->
                    FILES.indexOf(
                        FILES.stream()
                            .filter(p -> p.matcher(a.file()).matches())
                            .findFirst()
                            .orElseThrow()))
            .thenComparing(a -> versionKey(a.version()), Comparator.reverseOrder()));
    return out;
  }

  private static boolean isDefault(String component, String version) {
    return switch (component) {
      case "containerd" -> version.equals(ContainerRuntimeSpec.DEFAULT_CONTAINERD);
      case "runc" -> version.equals(ContainerRuntimeSpec.DEFAULT_RUNC);
      case "cni-plugins" -> version.equals(ContainerRuntimeSpec.DEFAULT_CNI_PLUGINS);
      case "calico" -> version.equals(KubernetesSpec.DEFAULT_CALICO_VERSION);
      default -> false;
    };
  }

  /** "1.10.2" sorts after "1.9.0". */
  static String versionKey(String version) {
    StringBuilder b = new StringBuilder();
    for (String part : version.split("\\.")) {
      b.append(String.format("%05d", Integer.parseInt(part)));
    }
    return b.toString();
  }
}
