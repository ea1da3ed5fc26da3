"""Real-shaped Kubernetes JSON for the stand-in API server, built from the cluster store."""
import base64
import time

import labcommon

import yaml

VERSION = {"major": "1", "minor": "32", "gitVersion": "v1.32.0",
           "gitCommit": "70d3cc986aa8221cd1dfb1121852688902d3bf53", "gitTreeState": "clean",
           "buildDate": "2024-12-11T17:59:15Z", "goVersion": "go1.23.3", "compiler": "gc",
           "platform": "linux/amd64"}


def version():
    return VERSION


def cluster_info(state):
    kubeconfig = {"apiVersion": "v1", "kind": "Config", "preferences": {}, "users": None, "contexts": None,
                  "current-context": "",
                  "clusters": [{"name": "", "cluster": {
                      "certificate-authority-data": base64.b64encode(state["caPem"].encode()).decode(),
                      "server": "https://" + state["endpoint"]}}]}
    data = {"kubeconfig": yaml.safe_dump(kubeconfig)}
    for tid in live_token_ids(state):
        data["jws-kubeconfig-" + tid] = "eyJhbGciOiJIUzI1NiIsImtpZCI6I" + tid
    return {"apiVersion": "v1", "kind": "ConfigMap", "data": data,
            "metadata": {"name": "cluster-info", "namespace": "kube-public"}}


def live_token_ids(state):
    now = time.time()
    return [i for i, t in state["tokens"].items() if not t["expires"] or t["expires"] > now]


def node(name, n, state):
    labels = {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
              "kubernetes.io/hostname": name, "kubernetes.io/os": "linux"}
    if n["controlPlane"]:
        labels["node-role.kubernetes.io/control-plane"] = ""
        labels["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
    ready = state.get("cniApplied", False) and time.time() >= state.get("cniReadyAt", 0)
    condition = {"type": "Ready", "status": "True" if ready else "False",
                 "lastHeartbeatTime": n["created"], "lastTransitionTime": n["created"],
                 "reason": "KubeletReady" if ready else "KubeletNotReady",
                 "message": "kubelet is posting ready status" if ready else
                 "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady "
                 "message:Network plugin returns error: cni plugin not initialized"}
    return {"apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name, "labels": labels, "creationTimestamp": n["created"]},
            "spec": {"taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]}
            if n["controlPlane"] else {},
            "status": {"conditions": [condition],
                       "addresses": [{"type": "InternalIP", "address": n["address"]},
                                     {"type": "Hostname", "address": name}],
                       "nodeInfo": {"kubeletVersion": "v1.32.0", "kubeProxyVersion": "v1.32.0",
                                    "osImage": "Ubuntu 24.04.2 LTS", "kernelVersion": kernel(),
                                    "containerRuntimeVersion": "containerd://2.0.4",
                                    "operatingSystem": "linux", "architecture": "amd64"}}}


def kernel():
    import os
    return os.uname().release


def node_list(state):
    return {"apiVersion": "v1", "kind": "NodeList", "metadata": {},
            "items": [node(name, n, state) for name, n in sorted(state["nodes"].items())]}


def etcd_members(state):
    return {"header": {"cluster_id": 14841639068965178418, "member_id": 10276657743932975437, "raft_term": 2},
            "members": state["etcdMembers"]}


def pod_list(state, namespace, selector):
    items = []
    if namespace == "kube-system" and selector in ("", "component=etcd", "tier=control-plane"):
        for m in state["etcdMembers"]:
            items.append({"apiVersion": "v1", "kind": "Pod",
                          "metadata": {"name": "etcd-" + m["name"], "namespace": "kube-system",
                                       "labels": {"component": "etcd", "tier": "control-plane"}},
                          "spec": {"nodeName": m["name"]},
                          "status": {"phase": "Running", "podIP": m["peerURLs"][0][8:].split(":")[0],
                                     "conditions": [{"type": "Ready", "status": "True"}]}})
    return {"apiVersion": "v1", "kind": "PodList", "metadata": {}, "items": items}


def find(state, kind, name, namespace):
    """The applied object of that kind, name and namespace, or None."""
    key = {"kind": kind, "name": name, "namespace": namespace}
    return next((o["object"] for o in state["objects"] if o["key"] == key), None)


def apply(state, obj):
    """Records one object; a DaemonSet in kube-system counts as the CNI add-on."""
    kind = obj.get("kind", "")
    meta = obj.get("metadata") or {}
    ns = meta.get("namespace", "default" if kind not in CLUSTER_SCOPED else "")
    key = {"kind": kind, "name": meta.get("name", ""), "namespace": ns}
    old = next((o for o in state["objects"] if o["key"] == key), None)
    if old is None:
        state["objects"].append({"key": key, "object": obj})
        verb = "created"
    elif old["object"] == obj:
        verb = "unchanged"
    else:
        old["object"] = obj
        verb = "configured"
    if kind == "DaemonSet" and ns == "kube-system":
        if not state.get("cniApplied"):
            state["cniReadyAt"] = time.time() + labcommon.REAL_SECONDS["cni-ready"] * labcommon.time_scale()
        state["cniApplied"] = True
    return {"kind": kind, "name": key["name"], "result": verb}


CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "Node",
                  "PriorityClass", "StorageClass", "APIService"}
