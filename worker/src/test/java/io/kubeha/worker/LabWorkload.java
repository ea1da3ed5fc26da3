package io.kubeha.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.plan.CheckWorkload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Pods of a real-node lab cluster, read through the real kubectl: the kept workload of `kubeha
 * check`, the add-ons' DaemonSets, and what is not running.
 */
public final class LabWorkload {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One Pod: its uid (a rescheduled Pod has a new one), node and readiness. */
  public record Pod(String name, String uid, String node, boolean ready) {}

  private final LabKubernetes k8s;

  public LabWorkload(LabKubernetes k8s) {
    this.k8s = k8s;
  }

  /** The kept check workload's Pods by name (deleted ones being replaced included). */
  public Map<String, Pod> workloadPods() {
    Map<String, Pod> pods = new TreeMap<>();
    for (JsonNode p :
        json(
                "-n",
                CheckWorkload.NAMESPACE,
                "get",
                "pods",
                "-l",
                CheckWorkload.APP_LABEL + "=" + CheckWorkload.NAME,
                "-o",
                "json")
            .path("items")) {
      if (p.path("metadata").has("deletionTimestamp")) {
        continue;
      }
      pods.put(
          p.path("metadata").path("name").asText(),
          new Pod(
              p.path("metadata").path("name").asText(),
              p.path("metadata").path("uid").asText(),
              p.path("spec").path("nodeName").asText(""),
              ready(p)));
    }
    return pods;
  }

  /** The workload's Pods that are Ready, as "name@node". */
  public List<String> readyWorkload() {
    return workloadPods().values().stream()
        .filter(Pod::ready)
        .map(p -> p.name() + "@" + p.node())
        .toList();
  }

  /** The check Service's NodePort. */
  public int nodePort() {
    return Integer.parseInt(
        k8s.kubectl(
                "-n",
                CheckWorkload.NAMESPACE,
                "get",
                "service",
                CheckWorkload.NAME,
                "-o",
                "jsonpath={.spec.ports[0].nodePort}")
            .trim());
  }

  /** A PodDisruptionBudget over the workload: drains evict its Pods only while enough stay. */
  public void protect(int minAvailable, Path dir) {
    Path file = dir.resolve("workload-pdb.yaml");
    try {
      Files.writeString(
          file,
          """
          apiVersion: policy/v1
          kind: PodDisruptionBudget
          metadata:
            name: %s
            namespace: %s
          spec:
            minAvailable: %d
            selector:
              matchLabels:
                %s: %s
          """
              .formatted(
                  CheckWorkload.NAME,
                  CheckWorkload.NAMESPACE,
                  minAvailable,
                  CheckWorkload.APP_LABEL,
                  CheckWorkload.NAME));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    k8s.kubectl("apply", "-f", file.toString());
  }

  /** Every Pod of the cluster that is neither Running with its containers ready nor Succeeded. */
  public List<String> notRunning() {
    List<String> out = new ArrayList<>();
    for (JsonNode p : json("get", "pods", "-A", "-o", "json").path("items")) {
      String phase = p.path("status").path("phase").asText();
      if (phase.equals("Succeeded") || (phase.equals("Running") && ready(p))) {
        continue;
      }
      out.add(
          p.path("metadata").path("namespace").asText()
              + "/"
              + p.path("metadata").path("name").asText()
              + " "
              + phase
              + (ready(p) ? "" : " (not ready)")
              + " on "
              + p.path("spec").path("nodeName").asText("no node"));
    }
    return out;
  }

  /** The DaemonSets (as namespace/name) with no Ready Pod on node. */
  public List<String> daemonSetsMissingOn(String node) {
    List<String> missing = new ArrayList<>();
    JsonNode pods = json("get", "pods", "-A", "-o", "json").path("items");
    for (JsonNode ds : json("get", "daemonsets", "-A", "-o", "json").path("items")) {
      String ns = ds.path("metadata").path("namespace").asText();
      String uid = ds.path("metadata").path("uid").asText();
      boolean there = false;
      for (JsonNode p : pods) {
        boolean owned = false;
        for (JsonNode o : p.path("metadata").path("ownerReferences")) {
          owned |= o.path("uid").asText().equals(uid);
        }
        there |= owned && node.equals(p.path("spec").path("nodeName").asText()) && ready(p);
      }
      if (!there) {
        missing.add(ns + "/" + ds.path("metadata").path("name").asText());
      }
    }
    return missing;
  }

  /** Each node's container runtime as the kubelet reports it ("containerd://2.2.10"). */
  public Map<String, String> runtimes() {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode n : json("get", "nodes", "-o", "json").path("items")) {
      out.put(
          n.path("metadata").path("name").asText(),
          n.path("status").path("nodeInfo").path("containerRuntimeVersion").asText());
    }
    return out;
  }

  /** The first container's image of a DaemonSet or Deployment in kube-system. */
  public String image(String kind, String name) {
    return k8s.kubectl(
            "-n",
            "kube-system",
            "get",
            kind,
            name,
            "-o",
            "jsonpath={.spec.template.spec.containers[0].image}")
        .trim();
  }

  private JsonNode json(String... args) {
    try {
      return JSON.readTree(k8s.kubectl(args));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean ready(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }
}
