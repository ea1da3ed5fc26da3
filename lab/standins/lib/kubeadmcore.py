"""Steps shared by the kubeadm stand-in's commands: certificates, files, kubelet, waits."""
import os
import secrets
import subprocess
import time

import kubeconfigs
import labcommon
import pki

TIMEOUT = float(os.environ.get("KUBEHA_LAB_KUBEADM_TIMEOUT", "60"))
BOOLEANS = {"upload-certs", "control-plane", "print-join-command", "force", "f", "skip-token-print",
            "skip-certificate-key-print", "discovery-token-unsafe-skip-ca-verification", "dry-run"}
ADMIN = "/etc/kubernetes/admin.conf"


def until(deadline, what, fn):
    """Calls fn until it returns without an OSError/ApiError(5xx) or the deadline passes."""
    end = time.time() + deadline
    while True:
        try:
            return fn()
        except labcommon.ApiError as e:
            if e.status < 500 or time.time() > end:
                raise
        except OSError as e:
            if time.time() > end:
                labcommon.fail("error execution phase %s: %s" % (what, e))
        time.sleep(0.5)


def new_certificate_key():
    return secrets.token_hex(32)


def restart_kubelet():
    print("[kubelet-start] Starting the kubelet")
    subprocess.run(["systemctl", "daemon-reload"], check=False)
    if subprocess.run(["systemctl", "restart", "kubelet"]).returncode != 0:
        print("[kubelet-start] WARNING: unable to start the kubelet service")


def wait_local_api(address):
    print("[api-check] Waiting for a healthy API server. This can take up to 4m0s")
    start = time.time()
    until(TIMEOUT, "wait-control-plane", lambda: labcommon.api(
        "https://%s:6443" % address, "GET", "/healthz", ca_pem=pki.read("ca.crt"), timeout=2))
    print("[api-check] The API server is healthy after %.6fs" % (time.time() - start))


def make_control_plane_certs(cfg, fresh):
    print('[certs] Using certificateDir folder "/etc/kubernetes/pki"')
    if fresh:
        for name, cn in (("ca", "kubernetes"), ("front-proxy-ca", "front-proxy-ca"), ("etcd/ca", "etcd-ca")):
            print('[certs] Generating "%s" certificate and key' % name)
            pki.new_ca(name, cn)
        print('[certs] Generating "sa" key and public key')
        pki.new_key_pair("sa")
    host, endpoint_host = cfg["nodeName"], cfg["controlPlaneEndpoint"].rsplit(":", 1)[0]
    dns = [host, "kubernetes", "kubernetes.default", "kubernetes.default.svc",
           "kubernetes.default.svc." + cfg.get("dnsDomain", "cluster.local")]
    ips = ["10.96.0.1", cfg["advertiseAddress"]]
    if endpoint_host[0].isdigit():
        ips.append(endpoint_host)
    else:
        dns.append(endpoint_host)
    print('[certs] Generating "apiserver" certificate and key')
    print("[certs] apiserver serving cert is signed for DNS names [%s] and IPs [%s]" % (" ".join(dns), " ".join(ips)))
    pki.new_signed("apiserver", "kube-apiserver", "ca", dns, ips)
    for name, cn, ca, org in (("apiserver-kubelet-client", "kube-apiserver-kubelet-client", "ca", "kubeadm:cluster-admins"),
                              ("front-proxy-client", "front-proxy-client", "front-proxy-ca", None),
                              ("etcd/server", host, "etcd/ca", None), ("etcd/peer", host, "etcd/ca", None),
                              ("admin", "kubernetes-admin", "ca", "kubeadm:cluster-admins")):
        if name != "admin":
            print('[certs] Generating "%s" certificate and key' % name)
        pki.new_signed(name, cn, ca, [host, "localhost"] if name.startswith("etcd/") else (),
                       [cfg["advertiseAddress"], "127.0.0.1"] if name.startswith("etcd/") else (), org)


def write_control_plane_files(cfg):
    server = "https://" + cfg["controlPlaneEndpoint"]
    for name in ("admin.conf", "super-admin.conf", "kubelet.conf", "controller-manager.conf", "scheduler.conf"):
        print('[kubeconfig] Writing "%s" kubeconfig file' % name)
        kubeconfigs.write_kubeconfig(name, server, "kubernetes-admin", "admin")
    print('[etcd] Creating static Pod manifest for local etcd in "/etc/kubernetes/manifests"')
    for c in ("kube-apiserver", "kube-controller-manager", "kube-scheduler"):
        print('[control-plane] Creating static Pod manifest for "%s"' % c)
    kubeconfigs.write_manifests(cfg)
    print('[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"')
    print('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"')
    kubeconfigs.write_kubelet_files(cfg["nodeName"])


def join_command(endpoint, token, ca_hash):
    return "kubeadm join %s --token %s \\\n\t--discovery-token-ca-cert-hash %s" % (endpoint, token, ca_hash)


def new_token():
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    pick = lambda n: "".join(secrets.choice(alphabet) for _ in range(n))  # noqa: E731
    return "%s.%s" % (pick(6), pick(16))


def admin_config(flags):
    path = flags.get("kubeconfig") or ADMIN
    if not os.path.exists(path):
        labcommon.fail('failed to load admin kubeconfig: open %s: no such file or directory' % path)
    return labcommon.Kubeconfig(path)


