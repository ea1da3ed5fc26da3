/**
 * The bring-up as Temporal workflows.
 *
 * <p>{@link io.kubeha.workflow.bringup.ClusterBringUp} (id kubeha-CLUSTER) renders the plan from
 * the inventory and runs the phases listed once, in order, in {@link
 * io.kubeha.workflow.bringup.ClusterBringUpImpl}; each phase is a class with a title, a should-run
 * test and its work. Node prep runs one {@link io.kubeha.workflow.bringup.HostPrep} child per host
 * (kubeha-CLUSTER-HOST), started with only its host name (it fetches the inventory by the
 * FetchInventory activity, which queries the parent's inventory), so the parent's history grows
 * linearly in hosts; the child reports by the hostProgress signal the steps that run past a quiet
 * period and every retry, the parent shows its first step and its end itself. Per-host fan-out is
 * {@link io.kubeha.workflow.engine.BoundedFanOut}; steps are retried by StepRunner so the hosts
 * query shows attempts and the last error. The approval gate is the update (and signal)
 * approveInit; the queries are phase, hosts, initPlan and inventory; the phase is also the
 * KubehaPhase search attribute and the run's current details.
 */
package io.kubeha.workflow.bringup;
