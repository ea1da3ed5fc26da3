package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.activity.CheckPod;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadJsonTest {
  private static final String PODS =
      """
      {"kind":"List","items":[
        {"metadata":{"name":"kubeha-check-a"},"spec":{"nodeName":"kube-worker-1"},
         "status":{"phase":"Running","podIP":"10.244.1.5",
                   "conditions":[{"type":"Ready","status":"True"}]}},
        {"metadata":{"name":"kubeha-check-b"},"spec":{"nodeName":"kube-worker-2"},
         "status":{"phase":"Pending","conditions":[{"type":"Ready","status":"False"}],
                   "containerStatuses":[{"state":{"waiting":{"reason":"ImagePullBackOff"}}}]}},
        {"metadata":{"name":"kubeha-check-c","deletionTimestamp":"2026-12-06T00:00:00Z"},
         "spec":{"nodeName":"kube-worker-2"},
         "status":{"phase":"Running","podIP":"10.244.2.7",
                   "conditions":[{"type":"Ready","status":"True"}]}},
        {"metadata":{"name":"kubeha-check-d"},"spec":{},"status":{"phase":"Pending"}}]}
      """;

  @Test
  void onlyReadyPodsNotBeingDeletedAreProbed() {
    assertEquals(
        List.of(new CheckPod("kubeha-check-a", "10.244.1.5", "kube-worker-1")),
        WorkloadJson.readyPods(PODS));
  }

  @Test
  void aWaitThatGaveUpSaysWhatEachPodIsDoing() {
    assertEquals(
        List.of(
            "kubeha-check-a Running Ready on kube-worker-1",
            "kubeha-check-b Pending (ImagePullBackOff) on kube-worker-2",
            "kubeha-check-c Running Ready on kube-worker-2",
            "kubeha-check-d Pending on no node"),
        WorkloadJson.podStates(PODS));
  }

  @Test
  void readsTheServiceAndTheDeployment() {
    assertEquals(
        new WorkloadJson.ServiceAddress("10.96.4.2", 31234),
        WorkloadJson.service(
            "{\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"10.96.4.2\","
                + "\"ports\":[{\"port\":80,\"targetPort\":8080,\"nodePort\":31234}]}}"));
    assertEquals(2, WorkloadJson.availableReplicas("{\"status\":{\"availableReplicas\":2}}"));
    assertEquals(0, WorkloadJson.availableReplicas("{\"status\":{}}"));
  }
}
