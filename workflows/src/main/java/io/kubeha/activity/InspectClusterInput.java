package io.kubeha.activity;

import java.util.List;

/**
 * Inspect the cluster through the acting control plane; controlPlanes: the etcd hosts whose health
 * to ask.
 */
public record InspectClusterInput(SshTarget actingControlPlane, List<SshTarget> controlPlanes) {}
