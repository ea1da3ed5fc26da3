package io.kubeha.plan;

/**
 * The phases of a bring-up, in the order SPEC.md gives them, then the end states, then the phases
 * of the day-2 operations (new day-2 ones only ever go last: ordinals number the bring-up's, whose
 * order a new bring-up phase joins where it runs).
 */
public enum Phase {
  VALIDATE("Validate the inventory"),
  PREFLIGHT("Check hosts before touching them"),
  PREPARE_NODES("Prepare nodes"),
  START_TIME_SERVER("Start the time server"),
  SYNC_TIME_CLIENTS("Sync time clients"),
  CONFIGURE_LOAD_BALANCERS("Configure load balancers"),
  SERVE_BUNDLE("Serve the bundle from the load balancers"),
  AWAIT_INIT_APPROVAL("Await approval of kubeadm init"),
  INIT_FIRST_CONTROL_PLANE("Initialise the first control plane"),
  INSTALL_CNI("Install the CNI add-on"),
  PREPARE_CONTROL_PLANE_JOINS("Prepare control-plane joins"),
  JOIN_CONTROL_PLANES("Join control planes"),
  JOIN_WORKERS("Join workers"),
  VERIFY_CLUSTER("Verify the cluster"),
  DONE("Done"),
  FAILED("Failed"),
  CANCELLED("Cancelled"),
  CHECK_REMOVAL("Check the cluster before removing nodes"),
  REMOVE_WORKERS("Remove workers"),
  REMOVE_CONTROL_PLANES("Remove control planes"),
  UPDATE_LOAD_BALANCERS("Update the load balancers' upstreams"),
  RESET_NODES("Reset the nodes"),
  STOP_LOAD_BALANCERS("Stop the load balancers"),
  CHECK_UPGRADE("Check the cluster and plan the upgrade"),
  AWAIT_UPGRADE_APPROVAL("Await approval of the upgrade"),
  UPGRADE_FIRST_CONTROL_PLANE("Upgrade the first control plane"),
  UPGRADE_CONTROL_PLANES("Upgrade the other control planes"),
  UPGRADE_WORKERS("Upgrade the workers"),
  CHECK_CERTIFICATES("Check certificate expiry"),
  RENEW_CERTIFICATES("Renew certificates, one control plane at a time"),
  CHECK_ETCD("Check etcd and choose the member to snapshot"),
  INSTALL_ETCD_TOOLS("Install etcdctl and etcdutl"),
  TAKE_SNAPSHOT("Take the etcd snapshot and copy it to the operator's side"),
  CHECK_RESTORE("Check the snapshot and the control planes before restoring"),
  UPLOAD_SNAPSHOT("Upload the snapshot to every control plane and read it there"),
  AWAIT_RESTORE_APPROVAL("Await approval of the restore"),
  STOP_CONTROL_PLANES("Stop every control plane"),
  RESTORE_ETCD("Restore every etcd member from the snapshot"),
  START_CONTROL_PLANES("Start the control planes on the restored etcd"),
  VERIFY_RESTORE("Verify the restored cluster"),
  PUT_BACK_CONTROL_PLANES("Put every control plane back on its etcd data from before"),
  CHECK_WORKLOAD("Run a test workload and reach it from every node and Pod"),
  AWAIT_RESET_APPROVAL("Await approval of the reset"),
  AWAIT_REMOVAL_APPROVAL("Await approval of the removal");

  private final String title;

  Phase(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
