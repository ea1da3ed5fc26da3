"""Output of the kubectl stand-in: tables, -o wide, -o json / -o name, version."""
import datetime
import json



def ready(node):
    return any(c["type"] == "Ready" and c["status"] == "True" for c in node["status"]["conditions"])


def age(stamp):
    then = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    s = int((datetime.datetime.now(datetime.timezone.utc) - then).total_seconds())
    return "%ds" % s if s < 120 else "%dm" % (s // 60) if s < 7200 else "%dh" % (s // 3600)


def node_row(n, wide):
    labels = n["metadata"]["labels"]
    roles = ",".join(k.split("/", 1)[1] for k in labels if k.startswith("node-role.kubernetes.io/")) or "<none>"
    row = [n["metadata"]["name"], "Ready" if ready(n) else "NotReady", roles,
           age(n["metadata"]["creationTimestamp"]), n["status"]["nodeInfo"]["kubeletVersion"]]
    if wide:
        info = n["status"]["nodeInfo"]
        row += [n["status"]["addresses"][0]["address"], "<none>", info["osImage"], info["kernelVersion"],
                info["containerRuntimeVersion"]]
    return row


NODE_HEADERS = ["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
NODE_WIDE = ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]


def pod_row(p, wide):
    return [p["metadata"]["name"], "1/1", p["status"]["phase"], "0", "1m"]


def show(items, list_kind, output, flags, row):
    if output == "json":
        print(json.dumps({"apiVersion": "v1", "kind": list_kind, "metadata": {"resourceVersion": ""}, "items": items},
                         indent=4))
        return 0
    if output == "name":
        kind = "node" if list_kind == "NodeList" else "pod"
        print("\n".join("%s/%s" % (kind, i["metadata"]["name"]) for i in items))
        return 0
    if not items:
        print("No resources found", file=__import__("sys").stderr)
        return 0
    wide = output == "wide"
    headers = (NODE_HEADERS + (NODE_WIDE if wide else [])) if list_kind == "NodeList" else \
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    rows = [row(i, wide) for i in items]
    if not flags.get("no-headers"):
        rows.insert(0, headers)
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    for r in rows:
        print("   ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
    return 0


def api_group(kind):
    groups = {"DaemonSet": ".apps", "Deployment": ".apps", "ClusterRole": ".rbac.authorization.k8s.io",
              "ClusterRoleBinding": ".rbac.authorization.k8s.io", "RoleBinding": ".rbac.authorization.k8s.io",
              "Role": ".rbac.authorization.k8s.io", "CustomResourceDefinition": ".apiextensions.k8s.io",
              "PodDisruptionBudget": ".policy"}
    return groups.get(kind, "")


def version(flags, call):
    client = {"gitVersion": "v1.32.0", "major": "1", "minor": "32", "platform": "linux/amd64"}
    server = call("GET", "/version") if call else None
    if (flags.get("o") or flags.get("output")) == "json":
        out = {"clientVersion": client, "kustomizeVersion": "v5.5.0"}
        if server:
            out["serverVersion"] = server
        print(json.dumps(out, indent=2))
    else:
        print("Client Version: v1.32.0\nKustomize Version: v5.5.0")
        if server:
            print("Server Version: %s" % server["gitVersion"])
    return 0
