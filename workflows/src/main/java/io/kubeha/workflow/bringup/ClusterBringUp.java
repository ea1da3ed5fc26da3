package io.kubeha.workflow.bringup;

import io.kubeha.activity.GroupWork;
import io.kubeha.activity.HostWork;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.HostProgress;
import io.kubeha.workflow.engine.ObservedOperation;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Brings up one kubeadm HA cluster, phase by phase, from its inventory. */
@WorkflowInterface
public interface ClusterBringUp extends ObservedOperation {

  String APPROVE_INIT = "approveInit";
  String INVENTORY = "inventory";
  String HOST_WORK = "hostWork";
  String GROUP_WORK = "groupWork";

  @WorkflowMethod(name = "ClusterBringUp")
  BringUpResult run(BringUpInput input);

  /**
   * Approves kubeadm init; rejected unless the run is waiting at the approval gate and the request
   * names the cluster.
   */
  @UpdateMethod(name = APPROVE_INIT)
  ApproveInitResult approveInit(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = APPROVE_INIT)
  void validateApproveInit(ApprovalRequest request);

  /**
   * The same approval for clients that can only signal; ignored unless the run waits at the gate
   * and the request names the cluster.
   */
  @SignalMethod(name = APPROVE_INIT)
  void approveInitSignal(ApprovalRequest request);

  /** A HostPrep child reports a step of its host. */
  @SignalMethod(name = "hostProgress")
  void hostProgress(HostProgress progress);

  /** A group of a big bring-up's hosts reports its hosts' inspection, ended tasks and progress. */
  @SignalMethod(name = "groupReport")
  void groupReport(GroupReport report);

  @QueryMethod(name = "initPlan")
  InitPlan initPlan();

  /** The inventory this run was started with; HostPrep children read it through an activity. */
  @QueryMethod(name = INVENTORY)
  Inventory inventory();

  /**
   * One host's SSH target and steps of a phase from this run's plan; HostPrep children read theirs
   * through an activity. Fails until the plan is rendered.
   */
  @QueryMethod(name = HOST_WORK)
  HostWork hostWork(String host, Phase phase);

  /**
   * A group of a big bring-up's hosts: their inventory, plan and part of the graph; HostGroup
   * children read theirs through an activity.
   */
  @QueryMethod(name = GROUP_WORK)
  GroupWork groupWork(int group);
}
