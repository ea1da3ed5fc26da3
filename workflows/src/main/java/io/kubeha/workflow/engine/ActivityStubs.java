package io.kubeha.workflow.engine;

import io.kubeha.activity.CertificateActivities;
import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.EtcdBackupActivities;
import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.activity.Failures;
import io.kubeha.activity.HostActivities;
import io.kubeha.activity.InventoryActivities;
import io.kubeha.activity.NodeRemovalActivities;
import io.kubeha.activity.NodeUpgradeActivities;
import io.kubeha.activity.OperationActivities;
import io.kubeha.activity.PlanActivities;
import io.kubeha.activity.WorkloadActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Activity options, and stubs made from them with a summary ("host: step") the UI shows per call.
 */
public final class ActivityStubs {
  private ActivityStubs() {}

  public static final Duration INSPECT_TIMEOUT = Duration.ofMinutes(2);
  public static final Duration FETCH_INVENTORY_TIMEOUT = Duration.ofMinutes(1);
  public static final Duration APPLY_STEP_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration CLUSTER_CHANGE_TIMEOUT = Duration.ofMinutes(20);
  public static final Duration VERIFY_TIMEOUT = Duration.ofMinutes(10);
  // Removing a left-over workload, up to 5 min for the Pods, the probes, removing it again.
  public static final Duration CHECK_WORKLOAD_TIMEOUT = Duration.ofMinutes(20);
  // Activities heartbeat every 3 s while they work; a worker that died is noticed within this.
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration INITIAL_RETRY_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAXIMUM_RETRY_INTERVAL = Duration.ofSeconds(30);
  public static final double BACKOFF_COEFFICIENT = 2.0;
  public static final int MAXIMUM_ATTEMPTS = 10;

  private static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(INITIAL_RETRY_INTERVAL)
          .setMaximumInterval(MAXIMUM_RETRY_INTERVAL)
          .setBackoffCoefficient(BACKOFF_COEFFICIENT)
          .setMaximumAttempts(MAXIMUM_ATTEMPTS)
          .setDoNotRetry(Failures.NON_RETRYABLE.toArray(String[]::new))
          .build();

  private static final ActivityOptions INSPECT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(INSPECT_TIMEOUT)
          .setRetryOptions(RETRY)
          .build();

  // Reading from the parent run, or rendering the plan: quick, retried.
  private static final ActivityOptions FETCH_INVENTORY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(FETCH_INVENTORY_TIMEOUT)
          .setRetryOptions(RETRY)
          .build();

  // One attempt per activity: StepRunner retries, so the hosts query can show attempts and errors.
  private static final ActivityOptions APPLY_STEP =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(APPLY_STEP_TIMEOUT)
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private static final ActivityOptions CLUSTER_CHANGE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(CLUSTER_CHANGE_TIMEOUT)
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(RETRY)
          .build();

  private static final ActivityOptions VERIFY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(VERIFY_TIMEOUT)
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(RETRY)
          .build();

  // Retried as a whole: each attempt first removes what an earlier one left.
  private static final ActivityOptions CHECK_WORKLOAD =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(CHECK_WORKLOAD_TIMEOUT)
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(RETRY)
          .build();

  public static HostActivities inspect(String host) {
    return Workflow.newActivityStub(HostActivities.class, summarised(INSPECT, host + ": inspect"));
  }

  public static InventoryActivities fetchInventory(String host) {
    return Workflow.newActivityStub(
        InventoryActivities.class, summarised(FETCH_INVENTORY, host + ": fetch inventory"));
  }

  public static PlanActivities renderPlan() {
    return Workflow.newActivityStub(
        PlanActivities.class, summarised(FETCH_INVENTORY, "render the plan"));
  }

  public static PlanActivities renderSteps() {
    return Workflow.newActivityStub(
        PlanActivities.class, summarised(FETCH_INVENTORY, "render the operation's steps"));
  }

  public static PlanActivities fetchHostWork(String host) {
    return Workflow.newActivityStub(
        PlanActivities.class, summarised(FETCH_INVENTORY, host + ": fetch its steps"));
  }

  public static PlanActivities fetchGroupWork(int group) {
    return Workflow.newActivityStub(
        PlanActivities.class, summarised(FETCH_INVENTORY, "group " + group + ": fetch its work"));
  }

  public static HostActivities applyStep(String host, String stepId) {
    return Workflow.newActivityStub(
        HostActivities.class, summarised(APPLY_STEP, host + ": " + stepId));
  }

  /**
   * init, CNI and joins: long, heartbeating, retried (the activities adopt what already happened).
   */
  public static ClusterActivities clusterChange(String host, String stepId) {
    return Workflow.newActivityStub(
        ClusterActivities.class, summarised(CLUSTER_CHANGE, host + ": " + stepId));
  }

  public static ClusterActivities verify(String summary) {
    return Workflow.newActivityStub(ClusterActivities.class, summarised(VERIFY, summary));
  }

  /**
   * A day-2 change to one node (drain, reset, ...): long, heartbeating, retried; the activities
   * adopt what is done.
   */
  public static NodeRemovalActivities nodeRemoval(String host, String stepId) {
    return Workflow.newActivityStub(
        NodeRemovalActivities.class, summarised(CLUSTER_CHANGE, host + ": " + stepId));
  }

  /**
   * kubeadm upgrade, the kubelet restart, uncordon: long, heartbeating, retried; the activities
   * adopt what is done.
   */
  public static NodeUpgradeActivities nodeUpgrade(String host, String stepId) {
    return Workflow.newActivityStub(
        NodeUpgradeActivities.class, summarised(CLUSTER_CHANGE, host + ": " + stepId));
  }

  public static NodeRemovalActivities inspectCluster(String host) {
    return Workflow.newActivityStub(
        NodeRemovalActivities.class, summarised(INSPECT, host + ": inspect the cluster"));
  }

  /**
   * kubeadm's certificate commands and the restarts after a renewal: heartbeating, retried,
   * adopting what is done.
   */
  public static CertificateActivities certificates(String host, String stepId) {
    return Workflow.newActivityStub(
        CertificateActivities.class, summarised(CLUSTER_CHANGE, host + ": " + stepId));
  }

  /**
   * etcd snapshots and the operator's copies: heartbeating (a copy takes a while), retried,
   * adopting what is done.
   */
  public static EtcdBackupActivities etcdBackup(String host, String stepId) {
    return Workflow.newActivityStub(
        EtcdBackupActivities.class, summarised(CLUSTER_CHANGE, host + ": " + stepId));
  }

  /**
   * A restore's steps on one control plane: heartbeating, retried; a marker on the node makes each
   * adopt what is done.
   */
  public static EtcdRestoreActivities etcdRestore(String host, String stepId) {
    return Workflow.newActivityStub(
        EtcdRestoreActivities.class, summarised(CLUSTER_CHANGE, host + ": " + stepId));
  }

  /** The check's test workload: kubectl on host, probes from every node; heartbeating, retried. */
  public static WorkloadActivities workload(String host, String stepId) {
    return Workflow.newActivityStub(
        WorkloadActivities.class, summarised(CHECK_WORKLOAD, host + ": " + stepId));
  }

  /** Reads Temporal's own state of the cluster's operation. */
  public static OperationActivities operations() {
    return Workflow.newActivityStub(
        OperationActivities.class, summarised(INSPECT, "the cluster's running operation"));
  }

  private static ActivityOptions summarised(ActivityOptions base, String summary) {
    return ActivityOptions.newBuilder(base).setSummary(summary).build();
  }
}
