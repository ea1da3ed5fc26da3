package io.kubeha.activity;

import io.kubeha.plan.Step;

/**
 * Join one host. The steps hold the join's non-secret parts (the JoinConfiguration template without
 * token or key); the activity fills them in on the hosts. prepareStep: a control plane's prepare
 * step (kubeadm's preflight and control-plane-prepare, run before, on all of them at once), whose
 * file is the template; null for a worker and in runs whose control planes join in one step.
 */
public record JoinInput(
    SshTarget firstMaster,
    SshTarget joining,
    boolean controlPlane,
    Step joinStep,
    Step prepareStep) {

  /** A join in one step. */
  public JoinInput(SshTarget firstMaster, SshTarget joining, boolean controlPlane, Step joinStep) {
    this(firstMaster, joining, controlPlane, joinStep, null);
  }
}
