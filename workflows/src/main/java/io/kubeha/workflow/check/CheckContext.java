package io.kubeha.workflow.check;

import io.kubeha.activity.CheckWorkloadSpec;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.VerifyReport;
import io.kubeha.activity.WorkloadCheckInput;
import io.kubeha.activity.WorkloadCheckResult;
import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.common.RenderedSteps;
import io.kubeha.workflow.engine.OperationContext;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.engine.Targets;
import java.util.List;

/**
 * What the check's phases share: the request, the verification's report, what the workload
 * answered. Its one row on the board is the first control plane, where kubectl runs.
 */
final class CheckContext extends OperationContext {
  static final String VERIFY = "verify";
  static final String WORKLOAD = "check-workload";

  /** The verification and the workload. */
  static final int STEPS = 2;

  private final CheckInput input;
  private VerifyReport verified;
  private WorkloadCheckResult workload;

  CheckContext(CheckInput input, Runnable onProgress) {
    // Made before the inventory is validated: one with no control plane shows an empty board.
    super(
        input.inventory(),
        input.inventory().controlPlanes().stream().limit(1).toList(),
        h -> STEPS,
        onProgress);
    this.input = input;
  }

  String firstMasterName() {
    return inventory().firstControlPlane().name();
  }

  SshTarget firstMaster() {
    return target(firstMasterName());
  }

  /** The workload with the input's image, probed from every control plane and worker. */
  WorkloadCheckInput workloadInput() {
    Inventory inv = inventory();
    CheckWorkloadSpec workload =
        RenderedSteps.checkWorkload(input.image(), inv.spec().kubernetes().dnsDomain());
    return new WorkloadCheckInput(
        firstMaster(),
        inv.nodes().stream().map(h -> Targets.of(inv, h)).toList(),
        workload.manifest(),
        workload.serviceDnsName(),
        workload.replicas(),
        input.keep());
  }

  void verified(VerifyReport report) {
    verified = report;
  }

  void checked(WorkloadCheckResult result) {
    workload = result;
  }

  CheckResult result(List<PhaseOutcome> phases) {
    return new CheckResult(inventory().clusterName(), verified, workload, phases, warnings());
  }
}
