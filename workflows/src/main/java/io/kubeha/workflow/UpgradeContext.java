package io.kubeha.workflow;

import io.kubeha.activity.UpgradeNodeInput;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Role;
import java.util.ArrayList;
import java.util.List;

/** What the phases of one upgrade share: the target version, the gate, the plan kubeadm printed, who is done. */
final class UpgradeContext extends OperationContext {
  private final UpgradeInput input;
  private final ApprovalGate gate = new ApprovalGate();
  private final List<String> upgraded = new ArrayList<>();
  private String plan = "";

  UpgradeContext(UpgradeInput input, Runnable onProgress) {
    super(input.inventory(), input.inventory().nodes(), h -> UpgradeNode.STEPS, onProgress);
    this.input = input;
  }

  UpgradeInput input() {
    return input;
  }

  String version() {
    return inventory().spec().kubernetes().version();
  }

  ApprovalGate gate() {
    return gate;
  }

  UpgradeNodeInput node(String host) {
    HostSpec first = inventory().firstControlPlane();
    boolean controlPlane = inventory().host(host).orElseThrow().has(Role.CONTROL_PLANE);
    List<String> ignored = inventory().spec().kubernetes().ignorePreflightErrors();
    return new UpgradeNodeInput(target(first.name()), target(host), version(), host.equals(first.name()), controlPlane,
        ignored == null ? List.of() : ignored);
  }

  void plan(String text) {
    plan = text;
  }

  String plan() {
    return plan;
  }

  void upgraded(String host) {
    upgraded.add(host);
  }

  List<String> upgraded() {
    return List.copyOf(upgraded);
  }
}
