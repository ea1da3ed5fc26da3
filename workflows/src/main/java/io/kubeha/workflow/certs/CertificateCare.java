package io.kubeha.workflow.certs;

import io.kubeha.activity.CertificateExpiry;
import io.kubeha.activity.RenewCertificatesInput;
import io.kubeha.inventory.HostSpec;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.NodeStates;
import io.kubeha.workflow.engine.OperationContext;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * What the certificate phases share: the request, each control plane's certificates, who is due,
 * who is renewed.
 */
final class CertificateCare extends OperationContext {
  static final String CHECK = "check-expiration";
  static final String RENEW = "certs-renew";
  static final String RESTART = "restart-control-plane";

  private final CertificatesInput input;
  private final List<CertificateExpiry> before = new ArrayList<>();
  private final List<CertificateExpiry> after = new ArrayList<>();
  private final List<String> renewed = new ArrayList<>();
  private String busyWith = "";

  CertificateCare(CertificatesInput input, Runnable onProgress) {
    super(input.inventory(), input.inventory().controlPlanes(), h -> steps(input), onProgress);
    this.input = input;
    board().nameStates(CertificateCare::nodeState);
  }

  CertificatesInput input() {
    return input;
  }

  int steps() {
    return steps(input);
  }

  /** The check, and for a renewal its renew and restart. */
  private static int steps(CertificatesInput input) {
    return input.renew() ? 3 : 1;
  }

  List<String> controlPlanes() {
    return inventory().controlPlanes().stream().map(HostSpec::name).toList();
  }

  void checked(List<CertificateExpiry> rows) {
    before.addAll(rows);
  }

  void rechecked(List<CertificateExpiry> rows) {
    after.addAll(rows);
  }

  /**
   * The control planes, in inventory order, holding a certificate kubeadm renews that is due; none
   * for a check.
   */
  List<String> due() {
    if (!input.renew() || !busyWith.isEmpty()) {
      return List.of();
    }
    return controlPlanes().stream()
        .filter(
            h ->
                before.stream()
                    .anyMatch(c -> c.host().equals(h) && c.dueWithin(input.renewWithinSeconds())))
        .toList();
  }

  /** A scheduled run found this operation open on the cluster: it renews nothing, and says so. */
  void busyWith(String operation) {
    busyWith = operation;
    warn(
        "renewed nothing: "
            + operation
            + " is running on the cluster; the next scheduled run checks again");
  }

  RenewCertificatesInput renewal(String host) {
    // The run id, not the workflow id: a later renewal of the same cluster renews again.
    return new RenewCertificatesInput(target(host), Workflow.getInfo().getRunId());
  }

  void renewed(String host) {
    renewed.add(host);
  }

  CertificatesResult result(List<PhaseOutcome> phases) {
    return new CertificatesResult(
        inventory().clusterName(),
        List.copyOf(before),
        List.copyOf(renewed),
        List.copyOf(after),
        phases,
        warnings());
  }

  /**
   * checking, waiting (its turn to renew), renewing (kubeadm certs renew, the restarts), or done.
   */
  private static String nodeState(HostStatus row) {
    if (row.stepsTotal() > 0 && row.stepsDone() >= row.stepsTotal()) {
      return NodeStates.DONE;
    }
    if (row.currentStep() == null) {
      return NodeStates.WAITING;
    }
    return CHECK.equals(row.currentStep()) ? NodeStates.CHECKING : NodeStates.RENEWING;
  }
}
