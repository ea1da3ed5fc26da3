package io.kubeha.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  /** The names of etcd's members; a member that has not started yet has an empty name. */
  static List<String> etcdMemberNames(String memberListJson) {
    List<String> names = new ArrayList<>();
    for (JsonNode member : read(memberListJson, "etcdctl member list").path("members")) {
      names.add(member.path("name").asText(""));
    }
    return names;
  }

  private static JsonNode read(String json, String source) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw ApplicationFailure.newFailure(source + " printed no JSON: " + e.getOriginalMessage(),
          KubeadmOutput.UNEXPECTED_OUTPUT);
    }
  }
}
