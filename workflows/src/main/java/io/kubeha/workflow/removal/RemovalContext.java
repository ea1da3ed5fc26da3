package io.kubeha.workflow.removal;

import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.SshTarget;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.Role;
import io.kubeha.workflow.engine.ApprovalGate;
import io.kubeha.workflow.engine.GatedOperation;
import io.kubeha.workflow.engine.NodeStates;
import io.kubeha.workflow.engine.OperationContext;
import io.kubeha.workflow.engine.Targets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the phases of one removal share: the nodes going, the control plane that acts, what etcd
 * said.
 */
final class RemovalContext extends OperationContext implements GatedOperation {
  /** Runs started before the removal had a gate go straight to their check. */
  static final String GATE = "removal-gate";

  private final RemovalInput input;
  private final ApprovalGate gate;
  private final List<String> removed = new ArrayList<>();

  RemovalContext(RemovalInput input, Runnable onProgress) {
    super(
        input.inventory(),
        shown(input),
        h -> h.isNode() ? RemoveNode.steps(h.has(Role.CONTROL_PLANE)).size() : 1,
        onProgress);
    board().nameStates(NodeStates::removal);
    this.input = input;
    this.gate = new ApprovalGate("the removal", input.inventory().clusterName());
  }

  @Override
  public ApprovalGate gate() {
    return gate;
  }

  /** Never: a removal is always approved at its gate. */
  @Override
  public boolean autoApproved() {
    return false;
  }

  @Override
  public String approvalSubject() {
    return "the removal of " + input.nodes() + " from " + inventory().clusterName();
  }

  @Override
  public String plan() {
    return RemovalPlan.text(inventory(), input.nodes(), input.drainTimeoutSeconds());
  }

  /** The hosts this removal changes: the nodes going, and the LBs when a control plane goes. */
  private static List<HostSpec> shown(RemovalInput input) {
    Inventory inv = input.inventory();
    List<HostSpec> shown =
        new ArrayList<>(
            inv.nodes().stream().filter(h -> input.nodes().contains(h.name())).toList());
    if (shown.stream().anyMatch(h -> h.has(Role.CONTROL_PLANE))) {
      shown.addAll(inv.loadBalancers());
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
    return inventory().without(input.nodes());
  }

  /** The first control plane that stays: kubectl and etcd are asked there. */
  SshTarget acting() {
    return Targets.of(inventory(), remaining().firstControlPlane());
  }

  NodeChangeInput change(String host) {
    boolean controlPlane = inventory().host(host).orElseThrow().has(Role.CONTROL_PLANE);
    return new NodeChangeInput(acting(), target(host), controlPlane, input.drainTimeoutSeconds());
  }

  void removed(String host) {
    removed.add(host);
  }

  List<String> removed() {
    return List.copyOf(removed);
  }
}
