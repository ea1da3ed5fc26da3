"""kubeadm join and kubeadm reset of the lab stand-in."""
import base64
import os
import shutil
import subprocess
import sys

import kubeadmconfig
import kubeadmcore as core
import kubeconfigs
import labcommon
import pki
import preflight
import yaml

KUBELET_CONF = "/etc/kubernetes/kubelet.conf"


def discover(cfg):
    """Fetches cluster-info through the endpoint and checks the token id and the pinned CA hash."""
    server = "https://" + cfg["endpoint"]
    info = core.until(core.TIMEOUT, "preflight", lambda: labcommon.api(
        server, "GET", "/api/v1/namespaces/kube-public/configmaps/cluster-info", timeout=3))
    token_id = cfg["token"].split(".")[0]
    if "jws-kubeconfig-" + token_id not in info["data"]:
        labcommon.fail("error execution phase preflight: couldn't validate the identity of the API Server: could not "
                       'find a JWS signature in the cluster-info ConfigMap for token ID "%s"' % token_id)
    kc = yaml.safe_load(info["data"]["kubeconfig"])
    ca_pem = base64.b64decode(kc["clusters"][0]["cluster"]["certificate-authority-data"]).decode()
    found = pki.ca_hash(ca_pem)
    if not cfg["unsafe"] and found not in cfg["hashes"]:
        labcommon.fail("error execution phase preflight: couldn't validate the identity of the API Server: cluster CA "
                       'found in cluster-info ConfigMap is invalid: none of the public keys "%s" are pinned' % found)
    return ca_pem


def cmd_join(args):
    flags, positional = kubeadmconfig.parse_flags(args, core.BOOLEANS)
    cfg = kubeadmconfig.join_config(flags, positional)
    errors = preflight.common_checks()
    for path in (KUBELET_CONF, "/etc/kubernetes/pki/ca.crt"):
        if os.path.exists(path):
            errors.append(("FileAvailable-" + path.replace("/", "-"), "%s already exists" % path))
    if cfg["controlPlane"]:
        errors += preflight.control_plane_checks()
    preflight.run(errors, flags.get("ignore-preflight-errors"))
    if cfg["controlPlane"] and not cfg.get("certificateKey"):
        labcommon.fail("error execution phase preflight: \nOne or more conditions for hosting a new control plane "
                       "instance is not satisfied.\n\n[failure loading certificate for CA: couldn't load the "
                       "certificate file /etc/kubernetes/pki/ca.crt: open /etc/kubernetes/pki/ca.crt: no such file or "
                       "directory]\n\nPlease ensure that:\n* The cluster has a stable controlPlaneEndpoint address.\n"
                       "* The certificates that must be shared among control plane instances are provided.\n")
    ca_pem = discover(cfg)
    labcommon.realistic_delay("kubeadm-join")
    print("[preflight] Reading configuration from the \"kubeadm-config\" ConfigMap in namespace \"kube-system\"...")
    token_id, _, secret = cfg["token"].partition(".")
    body = {"tokenId": token_id, "tokenSecret": secret, "certificateKey": cfg.get("certificateKey"),
            "node": {"name": cfg["nodeName"], "address": cfg["advertiseAddress"], "controlPlane": cfg["controlPlane"]}}
    if cfg["controlPlane"]:
        print('[download-certs] Downloading the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace')
    try:
        reply = core.until(core.TIMEOUT, "kubelet-start", lambda: labcommon.api(
            "https://" + cfg["endpoint"], "POST", "/kubeha/v1/join", body, ca_pem=ca_pem, timeout=5))
    except labcommon.ApiError as e:
        phase = "control-plane-prepare/download-certs" if e.status == 403 else "preflight"
        labcommon.fail("error execution phase %s: %s" % (phase, e))
    if cfg["controlPlane"]:
        join_control_plane(cfg, reply["bundle"])
    else:
        os.makedirs(pki.PKI, exist_ok=True)
        with open(os.path.join(pki.PKI, "ca.crt"), "w") as f:
            f.write(ca_pem)
        write_node_kubeconfig(cfg)
        kubeconfigs.write_kubelet_files(cfg["nodeName"])
        core.restart_kubelet()
        print("\nThis node has joined the cluster:\n* Certificate signing request was sent to apiserver and a "
              "response was received.\n* The Kubelet was informed of the new secure connection details.\n\n"
              "Run 'kubectl get nodes' on the control-plane to see this node join the cluster.\n")


def write_node_kubeconfig(cfg):
    """kubelet.conf: the node's own client certificate can only come from the CA, so workers get one
    signed by a throwaway key pair shaped like a bootstrap result."""
    print('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"')
    node = {"server": "https://" + cfg["endpoint"], "ca": base64.b64encode(pki.read("ca.crt").encode()).decode()}
    labcommon.write_file(KUBELET_CONF, yaml.safe_dump({
        "apiVersion": "v1", "kind": "Config",
        "clusters": [{"name": "default-cluster", "cluster": {"certificate-authority-data": node["ca"],
                                                             "server": node["server"]}}],
        "contexts": [{"name": "default-context", "context": {"cluster": "default-cluster",
                                                             "user": "default-auth", "namespace": "default"}}],
        "current-context": "default-context",
        "users": [{"name": "default-auth", "user": {"client-certificate": "/var/lib/kubelet/pki/kubelet-client-current.pem",
                                                    "client-key": "/var/lib/kubelet/pki/kubelet-client-current.pem"}}]},
        sort_keys=False), 0o600)


def join_control_plane(cfg, bundle):
    pki.write_bundle(bundle)
    full = {"nodeName": cfg["nodeName"], "advertiseAddress": cfg["advertiseAddress"],
            "controlPlaneEndpoint": cfg["endpoint"], "dnsDomain": "cluster.local", "imageRepository": "registry.k8s.io",
            "serviceSubnet": "10.96.0.0/12", "podSubnet": ""}
    core.make_control_plane_certs(full, fresh=False)
    core.write_control_plane_files(full)
    print("[etcd] Announced new etcd member joining to the existing etcd cluster")
    core.restart_kubelet()
    core.wait_local_api(cfg["advertiseAddress"])
    print("[mark-control-plane] Marking the node %s as control-plane" % cfg["nodeName"])
    print("\nThis node has joined the cluster and a new control plane instance was created:\n\n"
          "* Certificate signing request was sent to apiserver and approval was received.\n"
          "* The Kubelet was informed of the new secure connection details.\n"
          "* Control plane label and taint were applied to the new node.\n"
          "* The Kubernetes control plane instances scaled up.\n* A new etcd member was added to the local/stacked "
          "etcd cluster.\n\nTo start administering your cluster from this node, you need to run the following as a "
          "regular user:\n\n\tmkdir -p $HOME/.kube\n\tsudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config\n"
          "\tsudo chown $(id -u):$(id -g) $HOME/.kube/config\n\nRun 'kubectl get nodes' to see this node join the "
          "cluster.\n")


def cmd_reset(args):
    flags, _ = kubeadmconfig.parse_flags(args, core.BOOLEANS)
    if not (flags.get("force") or flags.get("f")):
        print("[reset] Are you sure you want to proceed? [y/N]: ", end="", flush=True)
        if sys.stdin.readline().strip().lower() != "y":
            labcommon.fail("error execution phase preflight: aborted reset operation")
    for conf in ("/etc/kubernetes/admin.conf", KUBELET_CONF):
        if os.path.exists(conf):
            try:
                kc = labcommon.Kubeconfig(conf)
                labcommon.api(kc.server, "DELETE", "/kubeha/v1/nodes/" + node_name(), ca_pem=kc.ca_pem, timeout=5)
                print("[reset] Removing member from the cluster")
            except (OSError, labcommon.ApiError, KeyError, ValueError) as e:
                print("[reset] WARNING: could not remove this node from the cluster: %s" % e)
            break
    print("[reset] Stopping the kubelet service")
    subprocess.run(["systemctl", "stop", "kubelet", "kubeha-lab-apiserver"], check=False, capture_output=True)
    print("[reset] Deleting contents of directories: [/etc/kubernetes/manifests /var/lib/kubelet /etc/kubernetes/pki]")
    for d in ("/etc/kubernetes/manifests", "/var/lib/kubelet", "/etc/kubernetes/pki", "/var/lib/etcd"):
        if os.path.isdir(d):
            for entry in os.listdir(d):
                p = os.path.join(d, entry)
                shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)
    names = ["admin.conf", "super-admin.conf", "kubelet.conf", "bootstrap-kubelet.conf", "controller-manager.conf",
             "scheduler.conf"]
    print("[reset] Deleting files: [%s]" % " ".join("/etc/kubernetes/" + n for n in names))
    for n in names:
        if os.path.exists("/etc/kubernetes/" + n):
            os.remove("/etc/kubernetes/" + n)
    print("\nThe reset process does not clean CNI configuration. To do so, you must remove /etc/cni/net.d\n")


def node_name():
    kubelet_env = "/var/lib/kubelet/kubeadm-flags.env"
    if os.path.exists(kubelet_env):
        for part in open(kubelet_env).read().split():
            if part.startswith("--hostname-override="):
                return part.split("=", 1)[1].strip('"')
    return kubeadmconfig.node_name()
