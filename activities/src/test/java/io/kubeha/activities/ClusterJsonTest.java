package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterJsonTest {
  @Test
  void aWorkloadIsAvailableOnlyWhenEveryPodIsAvailableAndUpdated() {
    String json =
        """
        {"kind":"List","items":[
          {"kind":"DaemonSet","metadata":{"namespace":"kube-system","name":"kube-proxy"},
           "status":{"desiredNumberScheduled":6,"numberAvailable":6,"updatedNumberScheduled":6}},
          {"kind":"DaemonSet","metadata":{"namespace":"kube-flannel","name":"kube-flannel-ds"},
           "status":{"desiredNumberScheduled":6,"numberAvailable":5,"updatedNumberScheduled":6}},
          {"kind":"Deployment","metadata":{"namespace":"kube-system","name":"coredns"},
           "spec":{"replicas":2},"status":{"replicas":2,"updatedReplicas":2}},
          {"kind":"Deployment","metadata":{"namespace":"kube-system","name":"web"},
           "spec":{"replicas":2},"status":{"availableReplicas":2,"updatedReplicas":1}},
          {"kind":"Deployment","metadata":{"namespace":"kube-system","name":"scaled-down"},
           "spec":{"replicas":0},"status":{}}]}
        """;
    assertEquals(
        List.of(
            "DaemonSet kube-flannel/kube-flannel-ds: 5 of 6 available, 6 updated",
            "Deployment kube-system/coredns: 0 of 2 available, 2 updated",
            "Deployment kube-system/web: 2 of 2 available, 1 updated"),
        ClusterJson.unavailableWorkloads(json));
  }

  @Test
  void readsNodeReadiness() {
    String json =
        """
        {"apiVersion":"v1","kind":"List","items":[
          {"metadata":{"name":"kube-master-1"},"status":{"conditions":[
            {"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}]}},
          {"metadata":{"name":"kube-worker-1"},"status":{"conditions":[{"type":"Ready","status":"False"}]}},
          {"metadata":{"name":"kube-worker-2"},"status":{}}]}
        """;
    assertEquals(
        Map.of("kube-master-1", true, "kube-worker-1", false, "kube-worker-2", false),
        ClusterJson.nodeReadiness(json));
  }

  @Test
  void readsEtcdMemberNames() {
    String json =
        """
        {"header":{"cluster_id":17237436991929493444,"member_id":9372538179322589801,"raft_term":2},
         "members":[{"ID":9372538179322589801,"name":"kube-master-1","peerURLs":["https://198.18.0.11:2380"]},
                    {"ID":10501334649042878790,"name":"kube-master-2","peerURLs":["https://198.18.0.12:2380"]},
                    {"ID":18249187646912138824,"peerURLs":["https://198.18.0.13:2380"],"isLearner":true}]}
        """;
    assertEquals(
        List.of("kube-master-1", "kube-master-2", ""),
        ClusterJson.etcdMembers(json).stream().map(ClusterJson.Member::name).toList());
    assertEquals("9372538179322589801", ClusterJson.etcdMembers(json).get(0).id());
  }

  @Test
  void notJsonIsAFailure() {
    assertThrows(
        ApplicationFailure.class,
        () -> ClusterJson.nodeReadiness("error: the server doesn't have a resource"));
  }
}
