package io.kubeha.plan;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the plan from an inventory whose defaults are filled in. Deterministic: no I/O, no
 * clock, no randomness, so workflow code may call it.
 *
 * <p>SKELETON: the step structure per role is real, the contents are placeholders.
 */
public final class PlanRenderer {
  private PlanRenderer() {}

  public static Plan render(Inventory inv) {
    List<HostPlan> hosts = new ArrayList<>();
    for (HostSpec h : inv.hosts()) {
      List<Step> steps = new ArrayList<>();
      steps.add(placeholder("hosts-block", Phase.PREPARE_NODES));
      if (h.isNode()) {
        steps.add(placeholder("containerd", Phase.PREPARE_NODES));
        steps.add(placeholder("kubeadm-packages", Phase.PREPARE_NODES));
      }
      boolean ntpServer = h.name().equals(inv.ntpServer().name());
      steps.add(placeholder(ntpServer ? "chrony-server" : "chrony-client",
          ntpServer ? Phase.START_TIME_SERVER : Phase.SYNC_TIME_CLIENTS));
      if (h.has(Role.LOAD_BALANCER)) {
        steps.add(placeholder("keepalived", Phase.CONFIGURE_LOAD_BALANCERS));
        steps.add(placeholder("nginx", Phase.CONFIGURE_LOAD_BALANCERS));
      }
      if (h.name().equals(inv.firstControlPlane().name())) {
        steps.add(placeholder("kubeadm-init", Phase.INIT_FIRST_CONTROL_PLANE));
        steps.add(placeholder("cni", Phase.INSTALL_CNI));
      } else if (h.has(Role.CONTROL_PLANE)) {
        steps.add(placeholder("kubeadm-join", Phase.JOIN_CONTROL_PLANES));
      } else if (h.has(Role.WORKER)) {
        steps.add(placeholder("kubeadm-join", Phase.JOIN_WORKERS));
      }
      hosts.add(new HostPlan(h.name(), h.address(), h.roles(), steps));
    }
    return new Plan(inv.clusterName(), inv.controlPlaneEndpoint(), "", hosts);
  }

  private static Step placeholder(String id, Phase phase) {
    return new Step(id, phase, id, List.of(), List.of(), List.of(Action.guarded(id, "true", "true")));
  }
}
