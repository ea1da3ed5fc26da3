package io.kubeha.plan.daytwo;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.OptionsSpec;
import io.kubeha.inventory.Role;
import io.kubeha.plan.LoadBalancer;
import io.kubeha.plan.Phase;
import java.util.List;

/** The steps several operations share on a node, and the inventory's facts they lay out by. */
final class NodeSteps {
  /** Stands for an etcd member's id, read from etcd's member list when the step runs. */
  static final String MEMBER_ID = "@MEMBER_ID@";

  static final String CONTROLLERS_LEAD =
      "kube-controller-manager and kube-scheduler lead (their Leases held by the Pods running now)";

  private NodeSteps() {}

  /**
   * Cordon and drain, on the acting control plane, once a live controller-manager leads: evicted
   * Pods leave their Services only then.
   */
  static PlannedStep drain(String node, String acting, int timeoutSeconds) {
    return PlannedStep.of(
        "drain",
        acting,
        PlannedCommand.waitFor(CONTROLLERS_LEAD),
        PlannedCommand.run(NodeRemovalCommands.cordon(node)),
        PlannedCommand.detached(NodeRemovalCommands.drain(node, Math.max(1, timeoutSeconds))));
  }

  static PlannedStep reset(String node) {
    return PlannedStep.of(
        "kubeadm-reset",
        node,
        PlannedCommand.detached(NodeRemovalCommands.RESET).unless(NodeRemovalCommands.RESET_DONE));
  }

  static PlannedStep removeEtcdMember(String acting) {
    return PlannedStep.of(
        "etcd-member", acting, PlannedCommand.run(NodeRemovalCommands.removeMember(MEMBER_ID)));
  }

  static PlannedStep deleteNode(String node, String acting) {
    return PlannedStep.of(
        "delete-node", acting, PlannedCommand.run(NodeRemovalCommands.deleteNode(node)));
  }

  static String memberIdPlaceholder() {
    return MEMBER_ID
        + ": the node's etcd member id, read from etcd's member list (none left: skipped)";
  }

  /** How many hosts an operation works on at once (spec.options.workerConcurrency). */
  static int concurrency(Inventory inv) {
    OptionsSpec options = inv.spec().options();
    return options == null || options.workerConcurrency() == null
        ? OptionsSpec.DEFAULT_WORKER_CONCURRENCY
        : options.workerConcurrency();
  }

  static boolean controlPlane(Inventory inv, String host) {
    return inv.host(host).orElseThrow().has(Role.CONTROL_PLANE);
  }

  /** Nodes that are not control planes, in inventory order. */
  static List<String> workers(List<HostSpec> hosts) {
    return hosts.stream().filter(h -> !h.has(Role.CONTROL_PLANE)).map(HostSpec::name).toList();
  }

  static List<String> names(List<HostSpec> hosts) {
    return hosts.stream().map(HostSpec::name).toList();
  }

  /** A wave of one step on each host, the step make(host) gives. */
  static Wave each(
      Phase phase,
      String note,
      int atOnce,
      List<String> hosts,
      java.util.function.Function<String, PlannedStep> make) {
    return new Wave(phase, note, atOnce, turns(hosts, h -> List.of(make.apply(h))));
  }

  /** nginx on every LB proxying to upstreams' control planes. */
  static Wave upstreams(Phase phase, Inventory upstreams, int atOnce, String note) {
    return each(
        phase,
        note,
        atOnce,
        names(upstreams.loadBalancers()),
        lb -> PlannedStep.of(LoadBalancer.nginx(upstreams), lb));
  }

  /** Each host's turn: the steps make(host) gives. */
  static List<HostTurn> turns(
      List<String> hosts, java.util.function.Function<String, List<PlannedStep>> make) {
    return hosts.stream().map(h -> new HostTurn(h, make.apply(h))).toList();
  }
}
