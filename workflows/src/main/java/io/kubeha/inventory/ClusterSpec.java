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
    OptionsSpec options) {}
