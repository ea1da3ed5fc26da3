package io.kubeha.starter;

import io.kubeha.activity.ApplyStepInput;
import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.ClusterState;
import io.kubeha.activity.HostActivities;
import io.kubeha.activity.HostFacts;
import io.kubeha.activity.InitInput;
import io.kubeha.activity.InitResult;
import io.kubeha.activity.InspectClusterInput;
import io.kubeha.activity.InspectHostInput;
import io.kubeha.activity.InstallCniInput;
import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.NodeRemovalActivities;
import io.kubeha.activity.StepResult;
import io.kubeha.activity.VerifyInput;
import io.kubeha.activity.VerifyReport;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Activities that touch nothing and succeed at once, so the CLI can be tested without the lab. A
 * test can hold the preflight of one cluster's hosts (by address prefix) to keep its run early.
 */
final class QuickActivities implements HostActivities, ClusterActivities, NodeRemovalActivities {
  private static final long HOLD_LIMIT_SECONDS = 120;

  private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final List<String> resetAddresses = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** How many kubeadm resets ran on hosts whose address starts with prefix. */
  long resets(String addressPrefix) {
    return resetAddresses.stream().filter(a -> a.startsWith(addressPrefix)).count();
  }

  /**
   * Preflight of hosts whose address starts with prefix waits until the returned latch is released.
   */
  CountDownLatch hold(String addressPrefix) {
    CountDownLatch latch = new CountDownLatch(1);
    held.put(addressPrefix, latch);
    return latch;
  }

  /**
   * Preflight of hosts whose address starts with prefix fails for good, as an unreachable host
   * does.
   */
  void fail(String addressPrefix) {
    failing.add(addressPrefix);
  }

  @Override
  public HostFacts inspectHost(InspectHostInput input) {
    String address = input.target().address();
    if (failing.stream().anyMatch(address::startsWith)) {
      throw ApplicationFailure.newNonRetryableFailure(
          input.target().host() + ": no route to the lab host", "SshUnreachable");
    }
    held.forEach(
        (prefix, latch) -> {
          if (address.startsWith(prefix)) {
            await(latch);
          }
        });
    String host = input.target().host();
    int n = Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
    return new HostFacts(
        host,
        "ubuntu-24.04",
        "amd64",
        host,
        List.of(String.format("52:54:00:%02x:00:%02x", n, n)),
        "uuid-" + address,
        4,
        8192,
        1_700_000_000_000L,
        List.of(),
        true,
        false);
  }

  @Override
  public StepResult applyStep(ApplyStepInput input) {
    return new StepResult(
        input.target().host(), input.step().id(), true, List.of(input.step().id()), 1);
  }

  @Override
  public InitResult initFirstControlPlane(InitInput input) {
    return new InitResult(false, input.adminConfPath(), 1);
  }

  @Override
  public StepResult installCni(InstallCniInput input) {
    return new StepResult(
        input.firstMaster().host(), input.cniStep().id(), true, List.of("cni"), 1);
  }

  @Override
  public JoinResult joinNode(JoinInput input) {
    return new JoinResult(input.joining().host(), false, 1);
  }

  @Override
  public JoinResult prepareControlPlaneJoin(JoinInput input) {
    return new JoinResult(input.joining().host(), false, 1);
  }

  @Override
  public VerifyReport verifyCluster(VerifyInput input) {
    return new VerifyReport(
        true,
        input.expectedNodes(),
        input.controlPlanes(),
        input.loadBalancers().isEmpty() ? null : input.loadBalancers().get(0).host(),
        true,
        "not asked",
        List.of());
  }

  @Override
  public ClusterState inspectCluster(InspectClusterInput input) {
    return new ClusterState(
        List.of(),
        input.controlPlanes().stream()
            .map(m -> new ClusterState.EtcdMember(m.host(), true))
            .toList());
  }

  /** A held cluster's drain waits, as a long drain does. */
  @Override
  public StepResult drainNode(NodeChangeInput input) {
    held.forEach(
        (prefix, latch) -> {
          if (input.node().address().startsWith(prefix)) {
            await(latch);
          }
        });
    return new StepResult(input.node().host(), "drain", true, List.of("drain"), 1);
  }

  @Override
  public StepResult resetNode(NodeChangeInput input) {
    resetAddresses.add(input.node().address());
    return new StepResult(input.node().host(), "reset", true, List.of("reset"), 1);
  }

  @Override
  public StepResult removeEtcdMember(NodeChangeInput input) {
    return new StepResult(input.node().host(), "etcd-member", false, List.of(), 1);
  }

  @Override
  public StepResult deleteNode(NodeChangeInput input) {
    return new StepResult(input.node().host(), "delete-node", true, List.of("delete node"), 1);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the hold");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
