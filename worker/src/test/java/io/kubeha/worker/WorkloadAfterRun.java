package io.kubeha.worker;

import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.CheckWorkload;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's last word on a run: a new workload (agnhost netexec, 2 replicas, a NodePort Service)
 * becomes Ready and answers through every node's NodePort, then goes. Through the real kubectl and
 * HTTP from this machine, not kubeha's report: a cluster that verified but cannot run a Pod fails.
 */
public final class WorkloadAfterRun {
  static final String NAMESPACE = "campaign-judge";
  private static final Duration READY = Duration.ofMinutes(4);
  private static final Duration ANSWER = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private WorkloadAfterRun() {}

  /** What kept the workload from answering through nodes (none when it answered through all). */
  public static List<String> problems(LabKubernetes k8s, List<HostSpec> nodes) {
    List<String> problems = new ArrayList<>();
    try {
      k8s.kubectl("delete", "namespace", NAMESPACE, "--ignore-not-found", "--wait=true");
      k8s.kubectl("create", "namespace", NAMESPACE);
      k8s.kubectl(
          "-n",
          NAMESPACE,
          "create",
          "deployment",
          "echo",
          "--image=" + CheckWorkload.DEFAULT_IMAGE,
          "--replicas=2",
          "--port=8080",
          "--",
          "/agnhost",
          "netexec",
          "--http-port=8080");
      k8s.kubectl(
          "-n", NAMESPACE, "expose", "deployment", "echo", "--type=NodePort", "--port=8080");
      if (!readyWithin(k8s, READY)) {
        problems.add(
            "the workload's 2 Pods were not Ready within "
                + READY
                + ": "
                + k8s.kubectl("-n", NAMESPACE, "get", "pods", "-o", "wide").strip());
        return problems;
      }
      int port =
          Integer.parseInt(
              k8s.kubectl(
                      "-n",
                      NAMESPACE,
                      "get",
                      "service",
                      "echo",
                      "-o",
                      "jsonpath={.spec.ports[0].nodePort}")
                  .strip());
      for (HostSpec node : nodes) {
        String failed = answerThrough(node.address(), port);
        if (failed != null) {
          problems.add("the workload did not answer through " + node.name() + ": " + failed);
        }
      }
      k8s.kubectl("delete", "namespace", NAMESPACE, "--wait=false");
    } catch (RuntimeException e) {
      problems.add("the workload could not be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("interrupted while the workload was judged");
    }
    return problems;
  }

  private static boolean readyWithin(LabKubernetes k8s, Duration within)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      try {
        String ready =
            k8s.kubectl(
                "-n",
                NAMESPACE,
                "get",
                "deployment",
                "echo",
                "-o",
                "jsonpath={.status.readyReplicas}");
        if (ready.strip().equals("2")) {
          return true;
        }
      } catch (RuntimeException e) {
        // not yet: the API may still settle after the run
      }
      Thread.sleep(1_000); // the polling interval of a wait with a deadline
    }
    return false;
  }

  /** null once /hostname answers through address:port, else the last failure after ANSWER. */
  private static String answerThrough(String address, int port) throws InterruptedException {
    Instant deadline = Instant.now().plus(ANSWER);
    String last = "no attempt";
    while (Instant.now().isBefore(deadline)) {
      HostnameProbe answer = HostnameProbe.send(HTTP, address, port, Duration.ofSeconds(3));
      if (answer.answered() && answer.hostname().startsWith("echo-")) {
        return null;
      }
      last = answer.answered() ? "answered by " + answer.hostname() : answer.failure();
      Thread.sleep(500); // the polling interval of a wait with a deadline
    }
    return last;
  }
}
