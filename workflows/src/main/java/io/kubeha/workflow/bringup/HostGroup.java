package io.kubeha.workflow.bringup;

import io.kubeha.activity.HostWork;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.HostProgress;
import io.kubeha.workflow.engine.HostStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One group of a big bring-up's hosts, a child of the bring-up: inspects them, prepares them
 * (HostPrep children of its own), syncs their time and joins them, each task once the tasks it
 * needs are done, the parent's told by signals. Its hostWork query and hostProgress signal are the
 * bring-up's, for its HostPrep children.
 */
@WorkflowInterface
public interface HostGroup {

  @WorkflowMethod(name = "HostGroup")
  GroupOutcome run(HostGroupInput input);

  /** A HostPrep child reports a step of its host. */
  @SignalMethod(name = "hostProgress")
  void hostProgress(HostProgress progress);

  /** The parent tells that one of its tasks this group's wait for ended. */
  @SignalMethod(name = "parentTaskEnded")
  void parentTaskEnded(TaskEnd end);

  @QueryMethod(name = "hosts")
  List<HostStatus> hosts();

  /** One host's SSH target and steps of a phase, for its HostPrep child. */
  @QueryMethod(name = ClusterBringUp.HOST_WORK)
  HostWork hostWork(String host, Phase phase);
}
