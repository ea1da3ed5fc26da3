package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.activity.CheckPod;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The check workload's objects, through kubectl with admin.conf on the first master. */
final class WorkloadObjects {
  private static final String IN_NAMESPACE =
      ClusterQueries.KUBECTL + " -n " + CheckWorkload.NAMESPACE;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofSeconds(2);

  private final RemoteShell firstMaster;

  WorkloadObjects(RemoteShell firstMaster) {
    this.firstMaster = firstMaster;
  }

  /** Deletes the namespace and everything in it, and waits until it is gone; none is fine. */
  void remove(Duration deadline) {
    firstMaster.runOk(
        RemoteCommand.of(
            ClusterQueries.KUBECTL
                + " delete namespace "
                + CheckWorkload.NAMESPACE
                + " --ignore-not-found --wait=false",
            TIMEOUT),
        "delete namespace " + CheckWorkload.NAMESPACE);
    Polling.until(
        firstMaster.heartbeat(),
        "namespace " + CheckWorkload.NAMESPACE + " to be gone",
        deadline,
        POLL,
        () -> exists() ? Optional.empty() : Optional.of(true),
        () -> "it is still there, terminating");
  }

  boolean exists() {
    return !firstMaster
        .runOk(
            RemoteCommand.of(
                ClusterQueries.KUBECTL
                    + " get namespace "
                    + CheckWorkload.NAMESPACE
                    + " --ignore-not-found -o name",
                TIMEOUT),
            "look for namespace " + CheckWorkload.NAMESPACE)
        .stdout()
        .isBlank();
  }

  void apply(String manifest) {
    firstMaster.runOk(
        RemoteCommand.of(ClusterQueries.KUBECTL + " apply --server-side -f -", TIMEOUT)
            .withStdin(RemoteCommand.Stdin.of(manifest))
            .withSummary("kubectl apply --server-side the check workload"),
        "apply the check workload");
  }

  /**
   * Empty once the Deployment has replicas available, else, after deadline, what its Pods are
   * doing. A kubectl call that fails while waiting is asked again at the next poll.
   */
  Optional<String> awaitAvailable(int replicas, Duration deadline) {
    try {
      Polling.until(
          firstMaster.heartbeat(),
          replicas + " Pods of " + CheckWorkload.NAME + " available",
          deadline,
          POLL,
          () ->
              Answers.orEmpty(() -> WorkloadJson.availableReplicas(deployment()))
                  .filter(n -> n >= replicas),
          () ->
              Answers.orEmpty(() -> "Pods " + String.join(", ", WorkloadJson.podStates(pods())))
                  .orElse("(kubectl failed)"));
      return Optional.empty();
    } catch (ApplicationFailure e) {
      if (!Polling.NOT_READY.equals(e.getType())) {
        throw e;
      }
      return Optional.of(e.getOriginalMessage());
    }
  }

  List<CheckPod> readyPods() {
    return WorkloadJson.readyPods(pods());
  }

  WorkloadJson.ServiceAddress service() {
    return WorkloadJson.service(
        get("service " + quote(CheckWorkload.NAME), "read the check workload's Service"));
  }

  private String deployment() {
    return get("deployment " + quote(CheckWorkload.NAME), "read the check workload's Deployment");
  }

  private String pods() {
    return get(
        "pods -l " + quote(CheckWorkload.APP_LABEL + "=" + CheckWorkload.NAME),
        "list the check workload's Pods");
  }

  private String get(String what, String context) {
    return firstMaster
        .runOk(RemoteCommand.of(IN_NAMESPACE + " get " + what + " -o json", TIMEOUT), context)
        .stdout();
  }
}
