/**
 * The bring-up as Temporal workflows.
 *
 * <p>{@link io.kubeha.workflow.ClusterBringUp} (id kubeha-CLUSTER) renders the plan from the
 * inventory and runs the phases listed once, in order, in {@link
 * io.kubeha.workflow.ClusterBringUpImpl}; each phase is a class with a title, a should-run test
 * and its work. Node prep runs one {@link io.kubeha.workflow.HostPrep} child per host
 * (kubeha-CLUSTER-HOST) that reports each step to the parent by the hostProgress signal. Per-host
 * fan-out is {@link io.kubeha.workflow.BoundedFanOut}; steps are retried by StepRunner so the
 * hosts query shows attempts and the last error. The approval gate is the update (and signal)
 * approveInit; the queries are phase, hosts and initPlan; the phase is also the KubehaPhase search
 * attribute and the run's current details.
 */
package io.kubeha.workflow;
