package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.workflow.bringup.BringUpResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster without load balancers (the first master is the endpoint) comes up verified: verify
 * asks the first master's own API (it once threw on the VIP a cluster without LBs has not).
 */
class NoLoadBalancerBringUpTest {
  @TempDir Path state;

  @Test
  void aClusterWithoutLoadBalancersComesUpVerified() throws Exception {
    try (LabCluster cluster = LabCluster.start(1, 1, 0, state);
        KubehaWorker worker =
            KubehaWorker.start(
                cluster.server.address(),
                "default",
                TemporalSecurity.NONE,
                cluster.workerRoots())) {
      BringUpResult result = cluster.await(cluster.startRun(true));
      assertTrue(result.verify().ok(), "verify: " + result.verify());
      assertTrue(result.verify().apiThroughEndpoint(), "the API through the first master");
      assertNull(result.verify().vipHolder(), "no VIP without load balancers");
      LabKubernetes k8s = new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf());
      assertEquals(List.of(), k8s.problems(), "the real cluster through kubectl and etcdctl");
    }
  }
}
