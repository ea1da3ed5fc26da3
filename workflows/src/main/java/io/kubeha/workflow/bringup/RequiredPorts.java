package io.kubeha.workflow.bringup;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.inventory.Role;
import java.util.List;
import java.util.TreeSet;

/** The TCP ports a host's roles will listen on, which preflight checks are free. */
final class RequiredPorts {
  private RequiredPorts() {}

  /** kube-apiserver, etcd client and peer, kubelet, kube-controller-manager, kube-scheduler. */
  static final List<Integer> CONTROL_PLANE =
      List.of(KubernetesSpec.API_SERVER_PORT, 2379, 2380, 10250, 10257, 10259);

  /** kubelet. */
  static final List<Integer> WORKER = List.of(10250);

  static List<Integer> of(Inventory inv, HostSpec host) {
    TreeSet<Integer> ports = new TreeSet<>();
    if (host.has(Role.CONTROL_PLANE)) {
      ports.addAll(CONTROL_PLANE);
    }
    if (host.has(Role.WORKER)) {
      ports.addAll(WORKER);
    }
    if (host.has(Role.LOAD_BALANCER)) {
      ports.add(inv.spec().controlPlaneEndpoint().port());
    }
    return List.copyOf(ports);
  }
}
