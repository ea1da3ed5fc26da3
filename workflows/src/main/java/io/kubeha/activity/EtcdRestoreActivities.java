package io.kubeha.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Disaster recovery of a stacked etcd from a snapshot, one control plane at a time per call, each
 * idempotent: a marker on the node names the restore and what it has done, so a retried or resumed
 * attempt finishes it without redoing it.
 */
@ActivityInterface
public interface EtcdRestoreActivities {

  /**
   * The snapshot file on the operator's side: its SHA-256 and size, and its record if kubeha took
   * it.
   */
  @ActivityMethod(name = "ReadLocalSnapshot")
  LocalSnapshot readLocalSnapshot(String path);

  /**
   * The etcd revision now, through the node's local member (answered false when etcd does not
   * answer).
   */
  @ActivityMethod(name = "EtcdStatus")
  EtcdStatus etcdStatus(SshTarget controlPlane);

  /**
   * Uploads the snapshot to the node (checked by SHA-256) and reads it there with etcdutl snapshot
   * status.
   */
  @ActivityMethod(name = "UploadEtcdSnapshot")
  EtcdSnapshot uploadSnapshot(RestoreNodeInput input);

  /**
   * Stops the node's kube-apiserver, controller-manager, scheduler, then etcd (static Pod manifests
   * parked).
   */
  @ActivityMethod(name = "StopControlPlane")
  StepResult stopControlPlane(RestoreNodeInput input);

  /**
   * etcdutl snapshot restore into a new data dir, then the old /var/lib/etcd moved aside and the
   * new one in place.
   */
  @ActivityMethod(name = "RestoreEtcdMember")
  StepResult restoreMember(RestoreNodeInput input);

  /**
   * Puts the node's etcd manifest back; the member waits for its peers, so this does not wait for
   * health.
   */
  @ActivityMethod(name = "StartEtcd")
  StepResult startEtcd(RestoreNodeInput input);

  /**
   * Waits until the node's etcd member is healthy (it has a leader: the restored cluster has
   * quorum).
   */
  @ActivityMethod(name = "AwaitEtcdHealthy")
  StepResult awaitEtcdHealthy(RestoreNodeInput input);

  /**
   * Puts kube-apiserver, controller-manager and scheduler back, each healthy before the next;
   * removes the upload.
   */
  @ActivityMethod(name = "StartControlPlane")
  StepResult startControlPlane(RestoreNodeInput input);

  /**
   * After a restore failed or was cancelled: the node's control plane stopped and the data dir it
   * had before this restore back in place (restored data removed), ready to start again.
   */
  @ActivityMethod(name = "PutBackEtcdMember")
  StepResult putBackMember(RestoreNodeInput input);

  /**
   * Removes the uploaded snapshot from the node (a restore that failed or was cancelled leaves no
   * copy behind).
   */
  @ActivityMethod(name = "DiscardEtcdSnapshot")
  void discardUpload(RestoreNodeInput input);
}
