package io.kubeha.activities;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeha.activity.CheckPod;
import java.util.ArrayList;
import java.util.List;

/** Reads the check workload's Deployment, Pods and Service as kubectl prints them in JSON. */
final class WorkloadJson {
  private WorkloadJson() {}

  /** The Service's ClusterIP and NodePort (its first port's). */
  record ServiceAddress(String clusterIp, int nodePort) {}

  /** The Deployment's available replicas (0 before any). */
  static int availableReplicas(String deploymentJson) {
    return ClusterJson.read(deploymentJson, "kubectl get deployment")
        .path("status")
        .path("availableReplicas")
        .asInt(0);
  }

  /** The Pods that are Ready and not being deleted: the ones the Service sends traffic to. */
  static List<CheckPod> readyPods(String podsJson) {
    List<CheckPod> pods = new ArrayList<>();
    for (JsonNode pod : ClusterJson.read(podsJson, "kubectl get pods").path("items")) {
      if (ready(pod) && !pod.path("metadata").has("deletionTimestamp")) {
        pods.add(
            new CheckPod(
                pod.path("metadata").path("name").asText(),
                pod.path("status").path("podIP").asText(""),
                pod.path("spec").path("nodeName").asText("")));
      }
    }
    return pods;
  }

  /**
   * Each Pod as "NAME PHASE (REASON) on NODE", for a wait that gave up: an image that cannot be
   * pulled shows as ErrImagePull or ImagePullBackOff, a Pod no node takes as Pending on no node.
   */
  static List<String> podStates(String podsJson) {
    List<String> states = new ArrayList<>();
    for (JsonNode pod : ClusterJson.read(podsJson, "kubectl get pods").path("items")) {
      String reason = "";
      for (JsonNode c : pod.path("status").path("containerStatuses")) {
        String waiting = c.path("state").path("waiting").path("reason").asText("");
        reason = waiting.isEmpty() ? reason : " (" + waiting + ")";
      }
      String node = pod.path("spec").path("nodeName").asText("");
      states.add(
          pod.path("metadata").path("name").asText()
              + " "
              + pod.path("status").path("phase").asText("?")
              + (ready(pod) ? " Ready" : "")
              + reason
              + (node.isEmpty() ? " on no node" : " on " + node));
    }
    return states;
  }

  static ServiceAddress service(String serviceJson) {
    JsonNode spec = ClusterJson.read(serviceJson, "kubectl get service").path("spec");
    return new ServiceAddress(
        spec.path("clusterIP").asText(""), spec.path("ports").path(0).path("nodePort").asInt(0));
  }

  private static boolean ready(JsonNode pod) {
    for (JsonNode condition : pod.path("status").path("conditions")) {
      if ("Ready".equals(condition.path("type").asText())) {
        return "True".equals(condition.path("status").asText());
      }
    }
    return false;
  }
}
