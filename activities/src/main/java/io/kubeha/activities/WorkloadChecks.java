package io.kubeha.activities;

import io.kubeha.activity.CheckPod;
import io.kubeha.activity.WorkloadActivities;
import io.kubeha.activity.WorkloadCheckInput;
import io.kubeha.activity.WorkloadCheckResult;
import io.kubeha.activity.WorkloadProbe;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.ssh.Heartbeat;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check's workload on the cluster: removed if an earlier check (or attempt) left it, applied,
 * waited for, probed, and removed again unless kept. Probes that fail are the result's lines; the
 * workflow judges them.
 */
public final class WorkloadChecks implements WorkloadActivities {
  private static final Logger log = LoggerFactory.getLogger(WorkloadChecks.class);
  private static final Duration GONE_WAIT = Duration.ofMinutes(3);
  private static final Duration AVAILABLE_WAIT = Duration.ofMinutes(5);
  private static final Duration SETTLE = Duration.ofSeconds(30);
  private static final Duration PAUSE = Duration.ofSeconds(2);

  private final SshConnections connections;

  public WorkloadChecks(SshConnections connections) {
    this.connections = connections;
  }

  @Override
  public WorkloadCheckResult checkWorkload(WorkloadCheckInput input) {
    Heartbeat heartbeat = Heartbeats.ofCurrentActivity();
    RemoteShell master = connections.shell(input.firstMaster(), heartbeat);
    WorkloadObjects objects = new WorkloadObjects(master);
    String kubectl = input.firstMaster().host() + " (kubectl)";
    // An earlier check, or an earlier attempt of this one, may have left it: start from nothing.
    objects.remove(GONE_WAIT);
    objects.apply(input.manifest());
    String what = "Deployment " + CheckWorkload.NAME + ": " + input.replicas() + " Pods available";
    List<WorkloadProbe> probes = new ArrayList<>();
    List<CheckPod> pods = List.of();
    WorkloadJson.ServiceAddress service = new WorkloadJson.ServiceAddress("", 0);
    Optional<String> notAvailable = objects.awaitAvailable(input.replicas(), AVAILABLE_WAIT);
    if (notAvailable.isPresent()) {
      probes.add(new WorkloadProbe(what, kubectl, false, notAvailable.get()));
    } else {
      pods = objects.readyPods();
      service = objects.service();
      probes.add(new WorkloadProbe(what, kubectl, true, describe(pods)));
      String kubeDns = new ClusterQueries(master).clusterDnsAddress();
      WorkloadProbes workload = new WorkloadProbes(connections, heartbeat, master);
      List<ProbeRounds.Probe> asked =
          new ArrayList<>(
              workload.fromNodes(input.nodes(), pods, service, kubeDns, input.serviceDnsName()));
      asked.addAll(workload.fromPods(pods, input.serviceDnsName()));
      probes.addAll(ProbeRounds.run(asked, SETTLE, PAUSE, heartbeat));
    }
    probes.forEach(p -> log.info("{}: check: {}", input.firstMaster().host(), p.line()));
    if (!input.keep()) {
      objects.remove(GONE_WAIT);
    }
    return new WorkloadCheckResult(
        pods, service.clusterIp(), service.nodePort(), List.copyOf(probes), input.keep());
  }

  /** "kubeha-check-x on kube-worker-1, ..." */
  private static String describe(List<CheckPod> pods) {
    return pods.stream()
        .map(p -> p.name() + " (" + p.ip() + ") on " + p.node())
        .collect(Collectors.joining(", "));
  }
}
