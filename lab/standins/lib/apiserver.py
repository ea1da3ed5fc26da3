#!/usr/bin/python3
"""kubeha lab stand-in for kube-apiserver: HTTPS on 0.0.0.0:6443, health and version endpoints,
and a small JSON API (nodes, tokens, certificate keys, etcd members, applied objects) over the
shared cluster store."""
import http.server
import json
import os
import re
import secrets
import socket
import ssl
import sys
import time
import urllib.parse

sys.path.insert(0, "/usr/lib/kubeha-lab")
import clusterstore  # noqa: E402
import k8sobjects  # noqa: E402
import labcommon  # noqa: E402

PKI = "/etc/kubernetes/pki"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, body):
        raw = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if isinstance(body, str) else "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def error(self, status, message):
        self.reply(status, {"kind": "Status", "status": "Failure", "message": message, "code": status})

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(n) or b"{}")

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        path = url.path
        if path in ("/healthz", "/readyz", "/livez"):
            return self.reply(200, "ok")
        if path == "/version":
            return self.reply(200, k8sobjects.version())
        state = clusterstore.read()
        if path == "/api/v1/namespaces/kube-public/configmaps/cluster-info":
            if not state["initialized"]:
                return self.error(404, 'configmaps "cluster-info" not found')
            return self.reply(200, k8sobjects.cluster_info(state))
        if path == "/api/v1/nodes":
            return self.reply(200, k8sobjects.node_list(state))
        m = re.fullmatch(r"/api/v1/nodes/([^/]+)", path)
        if m:
            node = state["nodes"].get(m.group(1))
            if not node:
                return self.error(404, 'nodes "%s" not found' % m.group(1))
            return self.reply(200, k8sobjects.node(m.group(1), node, state))
        m = re.fullmatch(r"/api/v1/namespaces/([^/]+)/pods", path)
        if m:
            return self.reply(200, k8sobjects.pod_list(state, m.group(1), query.get("labelSelector", [""])[0]))
        m = re.fullmatch(r"/apis/apps/v1/namespaces/([^/]+)/daemonsets/([^/]+)", path)
        if m:
            ds = k8sobjects.find(state, "DaemonSet", m.group(2), m.group(1))
            if not ds:
                return self.error(404, 'daemonsets.apps "%s" not found' % m.group(2))
            return self.reply(200, ds)
        if path == "/kubeha/v1/etcd/members":
            return self.reply(200, k8sobjects.etcd_members(state))
        if path == "/kubeha/v1/state":
            return self.reply(200, state)
        self.error(404, "the server could not find the requested resource")

    def do_POST(self):
        routes = {"/kubeha/v1/init": self.init, "/kubeha/v1/join": self.join, "/kubeha/v1/tokens": self.token,
                  "/kubeha/v1/certificate-key": self.certificate_key, "/kubeha/v1/apply": self.apply}
        route = routes.get(urllib.parse.urlparse(self.path).path)
        if not route:
            return self.error(404, "the server could not find the requested resource")
        try:
            status, body = route(self.body())
        except KeyError as e:
            status, body = 400, {"message": "missing field %s" % e}
        self.reply(status, body) if status < 300 else self.error(status, body["message"])

    def do_DELETE(self):
        m = re.fullmatch(r"/kubeha/v1/nodes/([^/]+)", urllib.parse.urlparse(self.path).path)
        if not m:
            return self.error(404, "the server could not find the requested resource")
        with clusterstore.locked() as state:
            state["nodes"].pop(m.group(1), None)
            state["etcdMembers"] = [e for e in state["etcdMembers"] if e["name"] != m.group(1)]
            if not state["etcdMembers"]:
                state.clear()
                state.update(clusterstore.empty())
        self.reply(200, {"kind": "Status", "status": "Success"})

    def init(self, req):
        with clusterstore.locked() as state:
            if state["initialized"] and state["caHash"] != req["caHash"]:
                return 409, {"message": "the cluster store already holds another cluster"}
            state.update(initialized=True, endpoint=req["endpoint"], caPem=req["caPem"], caHash=req["caHash"],
                         clusterName=req.get("clusterName", "kubernetes"))
            add_node(state, req["node"], True)
            add_token(state, req["token"], req["tokenTtl"])
            if req.get("certificateKey"):
                set_certificate_key(state, req["certificateKey"], req["bundle"])
        return 200, {"status": "ok"}

    def join(self, req):
        with clusterstore.locked() as state:
            token = clusterstore.live_tokens(state).get(req["tokenId"])
            if not token or not secrets.compare_digest(token["secret"], req["tokenSecret"]):
                return 401, {"message": 'token id "%s" is invalid for this cluster or it has expired. '
                             'Use "kubeadm token create" on the control-plane node to create a new valid token'
                             % req["tokenId"]}
            bundle = None
            if req["node"]["controlPlane"]:
                ck = state.get("certificateKey")
                if not ck or ck["expires"] <= time.time():
                    return 403, {"message": 'Secret "kubeadm-certs" was not found in the "kube-system" Namespace. '
                                 'This Secret might have expired. Please, run `kubeadm init phase upload-certs '
                                 '--upload-certs` on a control plane to generate a new one'}
                if not secrets.compare_digest(ck["key"], req.get("certificateKey") or ""):
                    return 403, {"message": "error decoding certificate key: failed to decrypt the certificates "
                                 "(cipher: message authentication failed)"}
                bundle = ck["bundle"]
            name = req["node"]["name"]
            if name in state["nodes"]:
                return 409, {"message": 'a Node with name "%s" and status "Ready" already exists in the cluster. '
                             'You must delete the existing Node or change the name of this new joining Node' % name}
            add_node(state, req["node"], req["node"]["controlPlane"])
        return 200, {"bundle": bundle}

    def token(self, req):
        with clusterstore.locked() as state:
            token = req.get("token") or new_token()
            add_token(state, token, req.get("ttlSeconds", 86400))
        return 200, {"token": token}

    def certificate_key(self, req):
        with clusterstore.locked() as state:
            set_certificate_key(state, req["key"], req["bundle"])
            return 200, {"expires": state["certificateKey"]["expires"]}

    def apply(self, req):
        results = []
        with clusterstore.locked() as state:
            for obj in req["objects"]:
                results.append(k8sobjects.apply(state, obj))
        return 200, {"results": results}


def new_token():
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    pick = lambda n: "".join(secrets.choice(alphabet) for _ in range(n))  # noqa: E731
    return "%s.%s" % (pick(6), pick(16))


def add_token(state, token, ttl_seconds):
    tid, secret = token.split(".")
    state["tokens"][tid] = {"secret": secret, "expires": time.time() + ttl_seconds if ttl_seconds else 0}


def set_certificate_key(state, key, bundle):
    state["certificateKey"] = {"key": key, "bundle": bundle,
                               "expires": time.time() + clusterstore.certificate_key_ttl()}


def add_node(state, node, control_plane):
    state["nodes"][node["name"]] = {"address": node["address"], "controlPlane": control_plane,
                                    "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    if control_plane and all(e["name"] != node["name"] for e in state["etcdMembers"]):
        state["etcdMembers"].append({"ID": int.from_bytes(os.urandom(8), "big") >> 1, "name": node["name"],
                                     "peerURLs": ["https://%s:2380" % node["address"]],
                                     "clientURLs": ["https://%s:2379" % node["address"]]})


class Server(http.server.ThreadingHTTPServer):
    """Does each TLS handshake in the connection's own thread, so a silent client blocks no one."""
    daemon_threads = True
    allow_reuse_address = True
    tls = None

    def finish_request(self, request, client_address):
        request.settimeout(30)
        try:
            request = self.tls.wrap_socket(request, server_side=True)
        except (OSError, ValueError):
            return
        super().finish_request(request, client_address)


def main():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(PKI + "/apiserver.crt", PKI + "/apiserver.key")
    Server.tls = ctx
    server = Server(("0.0.0.0", 6443), Handler)
    labcommon.log_call("kube-apiserver", sys.argv[1:], "started")
    notify_ready()
    server.serve_forever()


def notify_ready():
    addr = os.environ.get("NOTIFY_SOCKET")
    if addr:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
            s.sendto(b"READY=1", "\0" + addr[1:] if addr.startswith("@") else addr)


if __name__ == "__main__":
    main()
