package io.kubeha.plan;

import io.kubeha.inventory.Inventory;

/**
 * The plan steps the reset and the upgrade apply, rendered for their inventory by the worker (the
 * RenderOperationSteps activity) and handed to the workflow as data, as the bring-up's plan is: a
 * changed command then reaches new runs and changes nothing a running history replays.
 *
 * @param teardownKubernetes after kubeadm reset, what node prep installed for Kubernetes
 * @param teardownLoadBalancer keepalived and nginx stopped on a balancer
 * @param kubeadmRepository the Kubernetes package repository of the inventory's minor
 * @param kubeadmPackages kubeadm, kubelet and kubectl at the inventory's version
 * @param controlPlaneImages the release's images pulled on a control plane (null: images unknown,
 *     or rendered before this step existed)
 * @param workerImages the release's images pulled on a worker (null likewise)
 */
public record OperationSteps(
    Step teardownKubernetes,
    Step teardownLoadBalancer,
    Step kubeadmRepository,
    Step kubeadmPackages,
    Step controlPlaneImages,
    Step workerImages) {

  public static OperationSteps render(Inventory inv) {
    return new OperationSteps(
        Teardown.kubernetes(inv),
        Teardown.loadBalancer(),
        KubeadmPackages.repository(inv),
        KubeadmPackages.packages(inv),
        ReleaseImages.controlPlane(inv).orElse(null),
        ReleaseImages.worker(inv).orElse(null));
  }
}
