package io.kubeha.workflow;

/** Where a day-2 operation is with a node, named from its row on the hosts board. */
final class NodeStates {
  static final String WAITING = "waiting";
  static final String DRAINING = "draining";
  static final String UPGRADING = "upgrading";
  static final String REMOVING = "removing";
  static final String CHECKING = "checking";
  static final String RENEWING = "renewing";
  static final String PREPARING = "preparing";
  static final String UPLOADING = "uploading";
  static final String STOPPING = "stopping";
  static final String RESTORING = "restoring";
  static final String STARTING = "starting";
  static final String PUTTING_BACK = "putting back";
  static final String DONE = "done";
  static final String FAILED = "failed";

  private NodeStates() {}

  /**
   * waiting, draining, upgrading, done, or failed (the roll stopped at it, waiting for retry or
   * cancel).
   */
  static String upgrade(HostStatus row, boolean stoppedHere) {
    return stoppedHere ? FAILED : of(row, UPGRADING);
  }

  /** waiting, draining, removing (reset, etcd member, Node object; an LB's upstreams), or done. */
  static String removal(HostStatus row) {
    return of(row, REMOVING);
  }

  /**
   * checking, waiting (its turn to renew), renewing (kubeadm certs renew, the restarts), or done.
   */
  static String certificates(HostStatus row) {
    if (row.stepsTotal() > 0 && row.stepsDone() >= row.stepsTotal()) {
      return DONE;
    }
    if (row.currentStep() == null) {
      return WAITING;
    }
    return CertificateCare.CHECK.equals(row.currentStep()) ? CHECKING : RENEWING;
  }

  /**
   * waiting, preparing (etcd's tools), uploading (the snapshot, read there), stopping, restoring
   * (etcd's data), starting, or done.
   */
  static String restore(HostStatus row) {
    if (row.stepsTotal() > 0 && row.stepsDone() >= row.stepsTotal()) {
      return DONE;
    }
    if (row.currentStep() == null) {
      return WAITING;
    }
    return switch (row.currentStep()) {
      case RestoreContext.UPLOAD -> UPLOADING;
      case RestoreContext.STOP -> STOPPING;
      case RestoreContext.RESTORE -> RESTORING;
      case RestoreContext.PUT_BACK -> PUTTING_BACK;
      case RestoreContext.START_ETCD, RestoreContext.ETCD_HEALTHY, RestoreContext.START -> STARTING;
      default -> PREPARING; // etcdctl and etcdutl being installed
    };
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
