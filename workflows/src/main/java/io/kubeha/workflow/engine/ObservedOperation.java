package io.kubeha.workflow.engine;

import io.temporal.workflow.QueryMethod;
import java.util.List;

/**
 * The queries every operation's workflow answers, under the names the CLI and the UI ask for: the
 * phase it is in and each host's progress.
 */
public interface ObservedOperation {
  @QueryMethod(name = "phase")
  PhaseView phase();

  @QueryMethod(name = "hosts")
  List<HostStatus> hosts();
}
