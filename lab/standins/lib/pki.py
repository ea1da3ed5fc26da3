"""Certificates for the kubeadm stand-in, made with the openssl CLI (EC P-256, fast)."""
import hashlib
import os
import subprocess
import tempfile

PKI = "/etc/kubernetes/pki"
SHARED = ["ca.crt", "ca.key", "sa.key", "sa.pub", "front-proxy-ca.crt", "front-proxy-ca.key",
          "etcd/ca.crt", "etcd/ca.key"]


def openssl(*args, stdin=None):
    return subprocess.run(["openssl", *args], input=stdin, check=True, capture_output=True).stdout


def new_ca(name, cn):
    base = os.path.join(PKI, name)
    os.makedirs(os.path.dirname(base), exist_ok=True)
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", base + ".key", "-out", base + ".crt", "-days", "3650", "-subj", "/CN=" + cn,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    os.chmod(base + ".key", 0o600)


def new_signed(name, cn, ca, dns=(), ips=(), org=None):
    """A key and certificate NAME.{key,crt} signed by CA (a name like "ca" or "etcd/ca")."""
    base, ca_base = os.path.join(PKI, name), os.path.join(PKI, ca)
    os.makedirs(os.path.dirname(base), exist_ok=True)
    subject = "/CN=" + cn + ("/O=" + org if org else "")
    with tempfile.TemporaryDirectory() as tmp:
        csr, ext = os.path.join(tmp, "csr"), os.path.join(tmp, "ext")
        sans = ["DNS:" + d for d in dns] + ["IP:" + i for i in ips]
        with open(ext, "w") as f:
            f.write("subjectAltName=%s\n" % ",".join(sans) if sans else "")
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", base + ".key", "-out", csr, "-subj", subject)
        openssl("x509", "-req", "-in", csr, "-CA", ca_base + ".crt", "-CAkey", ca_base + ".key",
                "-CAcreateserial", "-out", base + ".crt", "-days", "365", "-extfile", ext)
    os.chmod(base + ".key", 0o600)


def new_key_pair(name):
    base = os.path.join(PKI, name)
    openssl("genpkey", "-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", base + ".key")
    openssl("pkey", "-in", base + ".key", "-pubout", "-out", base + ".pub")
    os.chmod(base + ".key", 0o600)


def ca_hash(ca_pem):
    """sha256:<hex> of the CA's SubjectPublicKeyInfo, as kubeadm pins it."""
    pub = openssl("x509", "-pubkey", "-noout", stdin=ca_pem.encode())
    der = openssl("pkey", "-pubin", "-outform", "der", stdin=pub)
    return "sha256:" + hashlib.sha256(der).hexdigest()


def read(name):
    with open(os.path.join(PKI, name)) as f:
        return f.read()


def bundle():
    return {n: read(n) for n in SHARED if os.path.exists(os.path.join(PKI, n))}


def write_bundle(files):
    for name, content in files.items():
        path = os.path.join(PKI, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(content)
        os.chmod(path, 0o600 if name.endswith(".key") else 0o644)
