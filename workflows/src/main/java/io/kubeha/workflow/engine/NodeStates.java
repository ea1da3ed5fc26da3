package io.kubeha.workflow.engine;

/** Where a day-2 operation is with a node, named from its row on the hosts board. */
public final class NodeStates {
  public static final String WAITING = "waiting";
  public static final String DRAINING = "draining";
  public static final String UPGRADING = "upgrading";
  public static final String REMOVING = "removing";
  public static final String CHECKING = "checking";
  public static final String RENEWING = "renewing";
  public static final String PREPARING = "preparing";
  public static final String UPLOADING = "uploading";
  public static final String STOPPING = "stopping";
  public static final String RESTORING = "restoring";
  public static final String STARTING = "starting";
  public static final String PUTTING_BACK = "putting back";
  public static final String DONE = "done";
  public static final String FAILED = "failed";

  private NodeStates() {}

  /**
   * waiting, draining, upgrading, done, or failed (the roll stopped at it, waiting for retry or
   * cancel).
   */
  public static String upgrade(HostStatus row, boolean stoppedHere) {
    return stoppedHere ? FAILED : of(row, UPGRADING);
  }

  /** waiting, draining, removing (reset, etcd member, Node object; an LB's upstreams), or done. */
  public static String removal(HostStatus row) {
    return of(row, REMOVING);
  }

  private static String of(HostStatus row, String working) {
    if (row.stepsTotal() > 0 && row.stepsDone() >= row.stepsTotal()) {
      return DONE;
    }
    if (row.currentStep() == null && row.stepsDone() == 0) {
      return WAITING;
    }
    return "drain".equals(row.currentStep()) ? DRAINING : working;
  }
}
