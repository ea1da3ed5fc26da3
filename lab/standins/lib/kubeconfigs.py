"""Kubeconfig files, static Pod manifests and kubelet files written by the kubeadm stand-in."""
import base64
import os

import labcommon
import pki
import yaml

K8S = "/etc/kubernetes"


def b64(text):
    return base64.b64encode(text.encode()).decode()


def kubeconfig(server, user, cert_name):
    return yaml.safe_dump({
        "apiVersion": "v1", "kind": "Config",
        "clusters": [{"name": "kubernetes", "cluster": {"certificate-authority-data": b64(pki.read("ca.crt")),
                                                        "server": server}}],
        "contexts": [{"name": "%s@kubernetes" % user, "context": {"cluster": "kubernetes", "user": user}}],
        "current-context": "%s@kubernetes" % user, "preferences": {},
        "users": [{"name": user, "user": {"client-certificate-data": b64(pki.read(cert_name + ".crt")),
                                          "client-key-data": b64(pki.read(cert_name + ".key"))}}]}, sort_keys=False)


def write_kubeconfig(name, server, user, cert_name):
    labcommon.write_file(os.path.join(K8S, name), kubeconfig(server, user, cert_name), 0o600)


def static_pod(component, command, image):
    return yaml.safe_dump({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"labels": {"component": component, "tier": "control-plane"}, "name": component,
                     "namespace": "kube-system"},
        "spec": {"containers": [{"command": command, "image": image, "name": component}],
                 "hostNetwork": True, "priorityClassName": "system-node-critical"}}, sort_keys=False)


def write_manifests(cfg):
    repo, addr, name = cfg["imageRepository"], cfg["advertiseAddress"], cfg["nodeName"]
    pods = {
        "etcd": (["etcd", "--advertise-client-urls=https://%s:2379" % addr, "--name=" + name,
                  "--initial-advertise-peer-urls=https://%s:2380" % addr, "--data-dir=/var/lib/etcd"],
                 "%s/etcd:3.5.16-0" % repo),
        "kube-apiserver": (["kube-apiserver", "--advertise-address=" + addr, "--secure-port=6443",
                            "--service-cluster-ip-range=" + cfg["serviceSubnet"],
                            "--etcd-servers=https://127.0.0.1:2379"], "%s/kube-apiserver:v1.32.0" % repo),
        "kube-controller-manager": (["kube-controller-manager", "--cluster-cidr=" + cfg["podSubnet"],
                                     "--allocate-node-cidrs=true"], "%s/kube-controller-manager:v1.32.0" % repo),
        "kube-scheduler": (["kube-scheduler", "--kubeconfig=/etc/kubernetes/scheduler.conf"],
                           "%s/kube-scheduler:v1.32.0" % repo),
    }
    for component, (command, image) in pods.items():
        labcommon.write_file(os.path.join(K8S, "manifests", component + ".yaml"),
                             static_pod(component, command, image), 0o600)
    os.makedirs("/var/lib/etcd", exist_ok=True)
    os.chmod("/var/lib/etcd", 0o700)


def write_kubelet_files(node_name):
    labcommon.write_file("/var/lib/kubelet/config.yaml", yaml.safe_dump({
        "apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration",
        "cgroupDriver": "systemd", "clusterDNS": ["10.96.0.10"], "clusterDomain": "cluster.local",
        "staticPodPath": "/etc/kubernetes/manifests"}))
    labcommon.write_file("/var/lib/kubelet/kubeadm-flags.env",
                         'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/'
                         'containerd.sock --hostname-override=%s --pod-infra-container-image='
                         'registry.k8s.io/pause:3.10"\n' % node_name)
