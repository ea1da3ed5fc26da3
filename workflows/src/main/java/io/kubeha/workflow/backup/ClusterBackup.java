package io.kubeha.workflow.backup;

import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.PhaseView;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One etcd snapshot: on a healthy control plane (the next after the one that took the newest
 * snapshot kept), the real etcdctl snapshot save, checked with etcdutl snapshot status, copied to
 * the operator's side with its SHA-256, the oldest beyond the retention deleted. The snapshot's
 * bytes never enter the workflow's history.
 */
@WorkflowInterface
public interface ClusterBackup {

  @WorkflowMethod(name = "ClusterBackup")
  BackupResult run(BackupInput input);

  @QueryMethod(name = "phase")
  PhaseView phase();

  @QueryMethod(name = "hosts")
  List<HostStatus> hosts();
}
