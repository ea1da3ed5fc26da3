package io.kubeha.activities;

import io.kubeha.activity.ApplyStepInput;
import io.kubeha.activity.HostActivities;
import io.kubeha.activity.HostFacts;
import io.kubeha.activity.InspectHostInput;
import io.kubeha.activity.StepResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.StepExecutor;
import java.time.Duration;

/** Host activities over the worker's pooled SSH connections. */
public final class HostActivitiesImpl implements HostActivities {
  private static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(60);

  private final SshConnections connections;
  private final StepExecutor executor;

  public HostActivitiesImpl(SshConnections connections, StepExecutor executor) {
    this.connections = connections;
    this.executor = executor;
  }

  @Override
  public HostFacts inspectHost(InspectHostInput input) {
    RemoteShell shell = connections.shell(input.target(), Heartbeats.ofCurrentActivity());
    RemoteCommand inspect =
        RemoteCommand.of(HostInspection.SCRIPT, INSPECT_TIMEOUT)
            .withSummary("inspect host")
            .asLoginUser();
    String output = shell.runOk(inspect, "preflight").stdout();
    return HostInspection.parse(input.target().host(), output, input.portsToCheck());
  }

  @Override
  public StepResult applyStep(ApplyStepInput input) {
    return executor.apply(
        connections.shell(input.target(), Heartbeats.ofCurrentActivity()), input.step());
  }
}
