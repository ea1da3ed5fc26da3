"""Preflight checks of the kubeadm stand-in, shaped like the real "[ERROR Name]: message" lines."""
import os
import socket

import labcommon

MANIFESTS = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"]
CRI_SOCKET = "/run/containerd/containerd.sock"


def cri_running():
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(CRI_SOCKET)
        return True
    except OSError:
        return False


def common_checks():
    errors = []
    if not cri_running():
        errors.append(("CRI", "container runtime is not running: output: time=\"...\" level=fatal msg=\"validate "
                       "service connection: validate CRI v1 runtime API for endpoint \\\"unix:///var/run/containerd/"
                       "containerd.sock\\\": rpc error: code = Unavailable desc = connection error: desc = \\\"transport"
                       ": Error while dialing: dial unix /var/run/containerd/containerd.sock: connect: no such file "
                       "or directory\\\"\"\n, error: exit status 1"))
    try:
        forward = open("/proc/sys/net/ipv4/ip_forward").read().strip()
    except OSError:
        forward = "0"
    if forward != "1":
        errors.append(("FileContent--proc-sys-net-ipv4-ip_forward",
                       "/proc/sys/net/ipv4/ip_forward contents are not set to 1"))
    if not os.path.exists("/usr/bin/kubelet"):
        errors.append(("FileExisting-kubelet", "kubelet not found in system path"))
    return errors


def control_plane_checks():
    errors = []
    for m in MANIFESTS:
        path = "/etc/kubernetes/manifests/%s.yaml" % m
        if os.path.exists(path):
            errors.append(("FileAvailable--etc-kubernetes-manifests-%s.yaml" % m, "%s already exists" % path))
    if os.path.isdir("/var/lib/etcd") and os.listdir("/var/lib/etcd"):
        errors.append(("DirAvailable--var-lib-etcd", "/var/lib/etcd is not empty"))
    return errors


def run(errors, ignored):
    """Prints the checks; exits 1 like kubeadm when a fatal error is not ignored."""
    print("[preflight] Running pre-flight checks")
    ignored = {i.strip().lower() for i in (ignored or "").split(",") if i.strip()}
    fatal = [(n, m) for n, m in errors if "all" not in ignored and n.lower() not in ignored]
    for n, m in errors:
        if (n, m) not in fatal:
            print("\t[WARNING %s]: %s" % (n, m))
    if fatal:
        lines = "".join("\t[ERROR %s]: %s\n" % (n, m) for n, m in fatal)
        labcommon.fail("error execution phase preflight: [preflight] Some fatal errors occurred:\n%s"
                       "[preflight] If you know what you are doing, you can make a check non-fatal with "
                       "`--ignore-preflight-errors=...`\nTo see the stack trace of this error execute with "
                       "--v=5 or higher" % lines)
