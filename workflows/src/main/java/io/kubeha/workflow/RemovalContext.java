package io.kubeha.workflow;

import io.kubeha.activity.ClusterState;
import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.SshTarget;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.OptionsSpec;
import io.kubeha.inventory.Role;
import java.util.ArrayList;
import java.util.List;

/** What the phases of one removal share: the inventory, the nodes going, the control plane that acts. */
final class RemovalContext {
  private final RemovalInput input;
  private final HostBoard board;
  private final Runnable onProgress;
  private final List<String> removed = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private ClusterState state;

  RemovalContext(RemovalInput input, Runnable onProgress) {
    this.input = input;
    this.onProgress = onProgress;
    this.board = new HostBoard(shown(), h -> h.isNode() ? RemoveNode.steps(h.has(Role.CONTROL_PLANE)).size() : 1);
  }

  Inventory inventory() {
    return input.inventory();
  }

  HostBoard board() {
    return board;
  }

  /** The hosts this removal changes: the nodes going, and the LBs when a control plane goes. */
  private List<HostSpec> shown() {
    List<HostSpec> shown = new ArrayList<>(going());
    if (!going(Role.CONTROL_PLANE).isEmpty()) {
      shown.addAll(inventory().loadBalancers());
    }
    return shown;
  }

  /** The hosts being removed, in inventory order. */
  List<HostSpec> going() {
    return inventory().nodes().stream().filter(h -> input.nodes().contains(h.name())).toList();
  }

  List<String> going(Role role) {
    return going().stream().filter(h -> h.has(role)).map(HostSpec::name).toList();
  }

  /** The inventory without the hosts being removed: what the load balancers proxy to afterwards. */
  Inventory remaining() {
    List<HostSpec> hosts = inventory().hosts().stream().filter(h -> !input.nodes().contains(h.name())).toList();
    var s = inventory().spec();
    return new Inventory(inventory().apiVersion(), inventory().kind(), inventory().metadata(),
        new io.kubeha.inventory.ClusterSpec(s.ssh(), hosts, s.controlPlaneEndpoint(), s.ntp(), s.kubernetes(),
            s.containerRuntime(), s.artifacts(), s.options()));
  }

  /** The first control plane that stays: kubectl and etcd are asked there. */
  SshTarget acting() {
    return Targets.of(inventory(), remaining().firstControlPlane());
  }

  SshTarget target(String host) {
    return Targets.of(inventory(), host);
  }

  NodeChangeInput change(String host) {
    boolean controlPlane = inventory().host(host).orElseThrow().has(Role.CONTROL_PLANE);
    return new NodeChangeInput(acting(), target(host), controlPlane, input.drainTimeoutSeconds());
  }

  int concurrency() {
    OptionsSpec options = inventory().spec().options();
    return options == null || options.workerConcurrency() == null
        ? OptionsSpec.DEFAULT_WORKER_CONCURRENCY
        : options.workerConcurrency();
  }

  void report(HostProgress progress) {
    board.apply(progress);
    onProgress.run();
  }

  void state(ClusterState seen) {
    state = seen;
  }

  ClusterState state() {
    return state;
  }

  void removed(String host) {
    removed.add(host);
  }

  List<String> removed() {
    return List.copyOf(removed);
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }
}
