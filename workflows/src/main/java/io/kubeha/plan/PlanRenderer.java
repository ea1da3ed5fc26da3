package io.kubeha.plan;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the plan from an inventory whose defaults are filled in: every file each phase writes on
 * each host and every command, in execution order. Deterministic: no I/O beyond the class-path
 * checksum table, no clock, no randomness, so workflow code may call it.
 */
public final class PlanRenderer {
  private PlanRenderer() {}

  /**
   * Where chrony's package is installed. The runbook installs it with the time phases; it does not
   * need the time server, so prep installs it now: one activity per host less in the bring-up's
   * history and on its longest chain. Runs started before keep the layout they were started with.
   */
  public enum TimePackage {
    WITH_TIME_PHASES,
    IN_PREP
  }

  /**
   * How a control plane joins. The runbook joins in one kubeadm join, one control plane at a time;
   * kubeadm's preflight and control-plane-prepare phases change nothing in the cluster, so they run
   * on every joining control plane at once, and only the phases after them one at a time. Runs
   * started before keep the one step they were started with.
   */
  public enum ControlPlaneJoin {
    WHOLE,
    PREPARE_THEN_JOIN
  }

  public static Plan render(Inventory inv) {
    return render(inv, TimePackage.IN_PREP, ControlPlaneJoin.PREPARE_THEN_JOIN);
  }

  public static Plan render(Inventory inv, TimePackage timePackage, ControlPlaneJoin join) {
    List<HostPlan> hosts = new ArrayList<>();
    for (HostSpec h : inv.hosts()) {
      hosts.add(host(inv, h, timePackage, join));
    }
    return new Plan(
        inv.clusterName(),
        inv.controlPlaneEndpoint(),
        KubeadmConfig.content(inv),
        List.copyOf(hosts));
  }

  /**
   * One host's part of the plan, without rendering every other host's (a HostPrep child needs only
   * its own).
   */
  public static HostPlan host(Inventory inv, HostSpec h) {
    return host(inv, h, TimePackage.IN_PREP);
  }

  /** The host's part in the current join layout (a HostPrep child takes only its prep steps). */
  public static HostPlan host(Inventory inv, HostSpec h, TimePackage timePackage) {
    return host(inv, h, timePackage, ControlPlaneJoin.PREPARE_THEN_JOIN);
  }

  public static HostPlan host(
      Inventory inv, HostSpec h, TimePackage timePackage, ControlPlaneJoin join) {
    List<Step> steps = new ArrayList<>();
    steps.addAll(prepareHost(inv, h));
    if (h.isNode()) {
      steps.addAll(prepareNode(inv));
    }
    // The NTP server serves (START_TIME_SERVER); every other host is its client.
    boolean server = h.name().equals(inv.ntpServer().name());
    Phase timePhase = server ? Phase.START_TIME_SERVER : Phase.SYNC_TIME_CLIENTS;
    steps.add(
        Chrony.packageStep(timePackage == TimePackage.IN_PREP ? Phase.PREPARE_NODES : timePhase));
    steps.add(server ? ChronyServerConfig.step(inv) : ChronyClientConfig.step(inv));
    if (h.has(Role.LOAD_BALANCER)) {
      steps.add(LoadBalancer.packages());
      steps.add(LoadBalancer.keepalived(inv, h));
      steps.add(LoadBalancer.nginx(inv));
      if (inv.spec().artifacts().bundle() != null) {
        steps.add(BundleServer.step(inv));
      }
    }
    if (h.name().equals(inv.firstControlPlane().name())) {
      steps.add(KubeadmConfig.initStep(inv));
      steps.add(CniManifest.step(inv));
    } else if (h.has(Role.CONTROL_PLANE) && join == ControlPlaneJoin.PREPARE_THEN_JOIN) {
      steps.add(ControlPlaneJoinSteps.prepareStep(inv, h));
      steps.add(ControlPlaneJoinSteps.joinStep());
    } else if (h.isNode()) {
      steps.add(JoinConfigTemplate.step(inv, h));
    }
    return new HostPlan(h.name(), h.address(), List.copyOf(h.roles()), List.copyOf(steps));
  }

  /** PREPARE_NODES on every host. */
  private static List<Step> prepareHost(Inventory inv, HostSpec h) {
    List<Step> steps = new ArrayList<>();
    if (Boolean.TRUE.equals(inv.spec().options().aptUpgrade())) {
      steps.add(NodeBasics.aptUpgrade());
    }
    steps.add(NodeBasics.hostname(h));
    if (Boolean.TRUE.equals(inv.spec().options().netplan())) {
      steps.add(Netplan.step(inv, h));
    }
    steps.add(HostsBlock.step(inv, h));
    steps.add(Sysctls.kernelModules());
    steps.add(Sysctls.sysctl());
    steps.add(NodeBasics.swapOff());
    return steps;
  }

  /**
   * PREPARE_NODES on control planes and workers: the container runtime and the Kubernetes packages.
   */
  private static List<Step> prepareNode(Inventory inv) {
    List<Step> steps = new ArrayList<>();
    steps.add(ContainerRuntime.containerd(inv));
    steps.add(ContainerRuntime.runc(inv));
    steps.add(ContainerRuntime.cniPlugins(inv));
    steps.add(ContainerRuntime.containerdConfig(inv));
    // Only with mirrors: one activity per node less without (the prune runs in the config step).
    Step mirrors = RegistryMirrors.step(inv);
    if (mirrors != null) {
      steps.add(mirrors);
    }
    steps.add(KubeadmPackages.repository(inv));
    steps.add(KubeadmPackages.packages(inv));
    steps.add(KubeadmPackages.kubeletEnabled());
    return steps;
  }
}
