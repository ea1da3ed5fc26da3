package io.kubeha.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.activity.ClusterState.NodeState;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads `kubectl get nodes -o json` and `etcdctl member list -w json`. */
final class ClusterJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterJson() {}

  /** Every node by name, true when its Ready condition is True. */
  static Map<String, Boolean> nodeReadiness(String nodesJson) {
    Map<String, Boolean> nodes = new LinkedHashMap<>();
    for (JsonNode item : read(nodesJson, "kubectl get nodes").path("items")) {
      boolean ready = false;
      for (JsonNode condition : item.path("status").path("conditions")) {
        if ("Ready".equals(condition.path("type").asText())) {
          ready = "True".equals(condition.path("status").asText());
        }
      }
      nodes.put(item.path("metadata").path("name").asText(), ready);
    }
    return nodes;
  }

  /** Every node as the API server has it: Ready, cordoned, the kubelet's version. */
  static List<NodeState> nodeStates(String nodesJson) {
    List<NodeState> nodes = new ArrayList<>();
    for (JsonNode item : read(nodesJson, "kubectl get nodes").path("items")) {
      boolean ready = false;
      for (JsonNode condition : item.path("status").path("conditions")) {
        if ("Ready".equals(condition.path("type").asText())) {
          ready = "True".equals(condition.path("status").asText());
        }
      }
      nodes.add(
          new NodeState(
              item.path("metadata").path("name").asText(),
              ready,
              item.path("spec").path("unschedulable").asBoolean(false),
              item.path("status").path("nodeInfo").path("kubeletVersion").asText("")));
    }
    return nodes;
  }

  /**
   * An etcd member: its id as etcd's gateway prints it (a string), name ("" before it started) and
   * client URLs.
   */
  record Member(String id, String name, List<String> clientUrls, List<String> peerUrls) {}

  static List<Member> etcdMembers(String memberListJson) {
    List<Member> members = new ArrayList<>();
    for (JsonNode member : read(memberListJson, "etcd member list").path("members")) {
      List<String> urls = new ArrayList<>();
      member.path("clientURLs").forEach(u -> urls.add(u.asText()));
      List<String> peers = new ArrayList<>();
      member.path("peerURLs").forEach(u -> peers.add(u.asText()));
      members.add(
          new Member(member.path("ID").asText(), member.path("name").asText(""), urls, peers));
    }
    return members;
  }

  /**
   * The pods a drain would evict from a node, "namespace/name": not DaemonSet pods (drain skips
   * them with --ignore-daemonsets), not mirror pods of static pods, not pods already finished.
   */
  static List<String> evictablePods(String podsJson) {
    List<String> pods = new ArrayList<>();
    for (JsonNode item : read(podsJson, "kubectl get pods").path("items")) {
      JsonNode meta = item.path("metadata");
      boolean daemonSet = false;
      for (JsonNode owner : meta.path("ownerReferences")) {
        daemonSet |= "DaemonSet".equals(owner.path("kind").asText());
      }
      boolean mirror = meta.path("annotations").has("kubernetes.io/config.mirror");
      String phase = item.path("status").path("phase").asText();
      if (!daemonSet && !mirror && !phase.equals("Succeeded") && !phase.equals("Failed")) {
        pods.add(meta.path("namespace").asText() + "/" + meta.path("name").asText());
      }
    }
    return pods;
  }

  /**
   * The DaemonSets and Deployments of a `kubectl get daemonsets,deployments -o json` that are not
   * fully available, as "DaemonSet kube-system/kube-proxy: 4 of 6 available, 6 updated". A
   * DaemonSet is when every scheduled Pod is available and updated; a Deployment when every replica
   * is (a Deployment with no replicas field has one).
   */
  static List<String> unavailableWorkloads(String listJson) {
    List<String> unavailable = new ArrayList<>();
    for (JsonNode item : read(listJson, "kubectl get daemonsets,deployments").path("items")) {
      String kind = item.path("kind").asText();
      JsonNode status = item.path("status");
      int wanted;
      int available;
      int updated;
      if (kind.equals("DaemonSet")) {
        wanted = status.path("desiredNumberScheduled").asInt(0);
        available = status.path("numberAvailable").asInt(0);
        updated = status.path("updatedNumberScheduled").asInt(0);
      } else {
        wanted = item.path("spec").path("replicas").asInt(1);
        available = status.path("availableReplicas").asInt(0);
        updated = status.path("updatedReplicas").asInt(0);
      }
      if (available < wanted || updated < wanted) {
        JsonNode meta = item.path("metadata");
        unavailable.add(
            String.format(
                "%s %s/%s: %d of %d available, %d updated",
                kind,
                meta.path("namespace").asText(),
                meta.path("name").asText(),
                available,
                wanted,
                updated));
      }
    }
    return unavailable;
  }

  /** The JSON a command printed; fails (retryably) naming source when it is none. */
  static JsonNode read(String json, String source) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw ApplicationFailure.newFailure(
          source + " printed no JSON: " + e.getOriginalMessage(), KubeadmOutput.UNEXPECTED_OUTPUT);
    }
  }
}
