package io.kubeha.inventory;

import java.util.List;

/** spec: everything about the cluster. */
public record ClusterSpec(
    SshSpec ssh,
    List<HostSpec> hosts,
    ControlPlaneEndpointSpec controlPlaneEndpoint,
    NtpSpec ntp,
    KubernetesSpec kubernetes,
    ContainerRuntimeSpec containerRuntime,
    ArtifactsSpec artifacts,
    OptionsSpec options) {

  /** The same spec with other artifacts. */
  public ClusterSpec withArtifacts(ArtifactsSpec other) {
    return new ClusterSpec(
        ssh, hosts, controlPlaneEndpoint, ntp, kubernetes, containerRuntime, other, options);
  }
}
