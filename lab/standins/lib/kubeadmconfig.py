"""Reads kubeadm v1beta3/v1beta4 configuration files and command-line flags into one dict."""
import socket
import subprocess

import labcommon

API_VERSIONS = ("kubeadm.k8s.io/v1beta3", "kubeadm.k8s.io/v1beta4")
DEFAULTS = {"podSubnet": "", "serviceSubnet": "10.96.0.0/12", "dnsDomain": "cluster.local",
            "imageRepository": "registry.k8s.io", "clusterName": "kubernetes", "tokenTtl": 86400.0}


def host_address():
    out = subprocess.run(["ip", "-4", "-o", "addr", "show", "scope", "global"], capture_output=True,
                         text=True).stdout.split()
    return out[3].split("/")[0] if len(out) > 3 else "127.0.0.1"


def node_name():
    return socket.gethostname().lower()


def read_docs(path):
    docs = {}
    for doc in labcommon.load_yaml_docs(path):
        kind, api = doc.get("kind"), doc.get("apiVersion")
        if api not in API_VERSIONS and api and api.startswith("kubeadm.k8s.io/"):
            labcommon.fail('no kind "%s" is registered for version "%s" in scheme '
                           '"k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31"' % (kind, api))
        docs[kind] = doc
    return docs


def init_config(flags):
    cfg = dict(DEFAULTS)
    if flags.get("config"):
        docs = read_docs(flags["config"])
        init, cluster = docs.get("InitConfiguration", {}), docs.get("ClusterConfiguration", {})
        nets = cluster.get("networking") or {}
        cfg.update({k: v for k, v in {
            "podSubnet": nets.get("podSubnet"), "serviceSubnet": nets.get("serviceSubnet"),
            "dnsDomain": nets.get("dnsDomain"), "imageRepository": cluster.get("imageRepository"),
            "clusterName": cluster.get("clusterName"),
            "controlPlaneEndpoint": cluster.get("controlPlaneEndpoint"),
            "advertiseAddress": (init.get("localAPIEndpoint") or {}).get("advertiseAddress"),
            "nodeName": (init.get("nodeRegistration") or {}).get("name"),
            "certificateKey": init.get("certificateKey")}.items() if v})
        tokens = init.get("bootstrapTokens") or []
        if tokens and tokens[0].get("token"):
            cfg["token"] = tokens[0]["token"]
            if tokens[0].get("ttl"):
                cfg["tokenTtl"] = labcommon.parse_duration(str(tokens[0]["ttl"]))
    for flag, key in (("control-plane-endpoint", "controlPlaneEndpoint"), ("apiserver-advertise-address",
                      "advertiseAddress"), ("node-name", "nodeName"), ("pod-network-cidr", "podSubnet"),
                      ("service-cidr", "serviceSubnet"), ("token", "token"), ("certificate-key", "certificateKey")):
        if flags.get(flag):
            cfg[key] = flags[flag]
    cfg.setdefault("advertiseAddress", host_address())
    cfg.setdefault("nodeName", node_name())
    cfg.setdefault("controlPlaneEndpoint", "%s:6443" % cfg["advertiseAddress"])
    if ":" not in cfg["controlPlaneEndpoint"]:
        cfg["controlPlaneEndpoint"] += ":6443"
    return cfg


def join_config(flags, positional):
    cfg = {"controlPlane": "control-plane" in flags, "hashes": []}
    if flags.get("config"):
        join = read_docs(flags["config"]).get("JoinConfiguration")
        if not join:
            labcommon.fail("no JoinConfiguration found in %s" % flags["config"])
        token = ((join.get("discovery") or {}).get("bootstrapToken") or {})
        cp = join.get("controlPlane")
        cfg.update(endpoint=token.get("apiServerEndpoint"), token=token.get("token"),
                   hashes=token.get("caCertHashes") or [], unsafe=token.get("unsafeSkipCAVerification", False),
                   nodeName=(join.get("nodeRegistration") or {}).get("name"), controlPlane=cp is not None)
        if cp is not None:
            cfg["advertiseAddress"] = (cp.get("localAPIEndpoint") or {}).get("advertiseAddress")
            cfg["certificateKey"] = cp.get("certificateKey")
    else:
        cfg.update(endpoint=positional[0] if positional else None,
                   token=flags.get("token") or flags.get("discovery-token"),
                   hashes=[flags["discovery-token-ca-cert-hash"]] if flags.get("discovery-token-ca-cert-hash") else [],
                   unsafe="discovery-token-unsafe-skip-ca-verification" in flags,
                   nodeName=flags.get("node-name"), advertiseAddress=flags.get("apiserver-advertise-address"),
                   certificateKey=flags.get("certificate-key"))
    if not cfg.get("advertiseAddress"):
        cfg["advertiseAddress"] = host_address()
    if not cfg.get("nodeName"):
        cfg["nodeName"] = node_name()
    if not cfg.get("endpoint") or not cfg.get("token"):
        labcommon.fail("discovery: Invalid value: \"\": bootstrapToken or file must be set")
    if not cfg["hashes"] and not cfg["unsafe"]:
        labcommon.fail("discovery.bootstrapToken: Invalid value: \"\": using token-based discovery without "
                       "caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config "
                       "file or pass --discovery-token-unsafe-skip-ca-verification flag to continue")
    return cfg


def parse_flags(args, booleans):
    """--name=value / --name value / --bool; returns (flags, positional)."""
    flags, positional, i = {}, [], 0
    while i < len(args):
        a = args[i]
        if a.startswith("--") or (a.startswith("-") and len(a) == 2):
            name, eq, value = a.lstrip("-").partition("=")
            if eq:
                flags[name] = value
            elif name in booleans or i + 1 >= len(args):
                flags[name] = True
            else:
                flags[name] = args[i + 1]
                i += 1
        else:
            positional.append(a)
        i += 1
    return flags, positional
