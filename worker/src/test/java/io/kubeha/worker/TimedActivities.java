package io.kubeha.worker;

import io.kubeha.activity.ApplyStepInput;
import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.HostActivities;
import io.kubeha.activity.HostFacts;
import io.kubeha.activity.InitInput;
import io.kubeha.activity.InitResult;
import io.kubeha.activity.InspectHostInput;
import io.kubeha.activity.InstallCniInput;
import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.activity.StepResult;
import io.kubeha.activity.VerifyInput;
import io.kubeha.activity.VerifyReport;
import io.temporal.activity.Activity;
import java.util.List;

/** Activities that touch no host: each sleeps its step's simulated time and succeeds. */
final class TimedActivities implements HostActivities, ClusterActivities {
  private final StepDurations durations;

  TimedActivities(StepDurations durations) {
    this.durations = durations;
  }

  @Override
  public HostFacts inspectHost(InspectHostInput input) {
    String host = input.target().host();
    take(durations.inspect());
    return new HostFacts(
        host,
        "ubuntu-24.04",
        "amd64",
        host,
        List.of(mac(host)),
        "uuid-" + host,
        4,
        8192,
        System.currentTimeMillis(),
        List.of(),
        true,
        false);
  }

  @Override
  public StepResult applyStep(ApplyStepInput input) {
    take(durations.step(input.step()));
    return new StepResult(input.target().host(), input.step().id(), true, List.of(), 0);
  }

  @Override
  public InitResult initFirstControlPlane(InitInput input) {
    take(durations.step(input.initStep()));
    return new InitResult(false, input.adminConfPath(), 0);
  }

  @Override
  public StepResult installCni(InstallCniInput input) {
    take(durations.step(input.cniStep()));
    return new StepResult(input.firstMaster().host(), input.cniStep().id(), true, List.of(), 0);
  }

  @Override
  public JoinResult joinNode(JoinInput input) {
    take(durations.step(input.joinStep()));
    return new JoinResult(input.joining().host(), false, 0);
  }

  @Override
  public JoinResult prepareControlPlaneJoin(JoinInput input) {
    take(durations.step(input.prepareStep()));
    return new JoinResult(input.joining().host(), false, 0);
  }

  @Override
  public VerifyReport verifyCluster(VerifyInput input) {
    take(durations.verify());
    return new VerifyReport(
        true,
        input.expectedNodes(),
        input.controlPlanes(),
        input.loadBalancers().isEmpty() ? null : input.loadBalancers().get(0).host(),
        true,
        "simulated",
        List.of());
  }

  /** A distinct MAC per host name (preflight refuses duplicates). */
  private static final long HEARTBEAT_MILLIS = 1000;

  private static String mac(String host) {
    int h = host.hashCode();
    return String.format(
        "52:54:%02x:%02x:%02x:%02x", h >>> 24 & 0xff, h >>> 16 & 0xff, h >>> 8 & 0xff, h & 0xff);
  }

  /** Sleeps the simulated work, heartbeating each second as the real long steps do. */
  private static void take(long millis) {
    try {
      for (long left = millis; left > 0; left -= HEARTBEAT_MILLIS) {
        Thread.sleep(Math.min(left, HEARTBEAT_MILLIS)); // the simulated work, not a synchronisation
        Activity.getExecutionContext().heartbeat(null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
