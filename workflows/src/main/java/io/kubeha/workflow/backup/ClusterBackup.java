package io.kubeha.workflow.backup;

import io.kubeha.workflow.engine.ObservedOperation;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One etcd snapshot: on a healthy control plane (the next after the one that took the newest
 * snapshot kept), the real etcdctl snapshot save, checked with etcdutl snapshot status, copied to
 * the operator's side with its SHA-256, the oldest beyond the retention deleted. The snapshot's
 * bytes never enter the workflow's history.
 */
@WorkflowInterface
public interface ClusterBackup extends ObservedOperation {

  @WorkflowMethod(name = "ClusterBackup")
  BackupResult run(BackupInput input);
}
