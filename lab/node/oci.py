#!/usr/bin/env python3
"""The lab's OCI image tool (python3 standard library only).

  oci.py build LAYOUT NAME [--entrypoint JSON] [--cmd JSON] [--env K=V]... [--workdir DIR] [--user U] SPEC...
      Makes (or replaces) image NAME (e.g. registry.k8s.io/pause:3.10.1) in the OCI image layout
      directory LAYOUT: one uncompressed, reproducible layer (sorted entries, mtime 0, owner 0:0), a
      config and a manifest, named in LAYOUT/index.json by the annotations io.containerd.image.name and
      org.opencontainers.image.ref.name (both the full name). Skipped when the same inputs (paths, sizes,
      modification times, options) already made it. Blobs no image references any more are removed.
      SPEC is one of
        file:SRC:DEST      a regular file (its mode kept)
        tree:SRCDIR:DEST   a directory tree (files, directories and symlinks, modes kept)
        link:TARGET:DEST   a symlink
        dir:DEST           an empty directory (0755)
      Every image also gets /tmp (1777) and /etc/passwd, /etc/group, /etc/nsswitch.conf (root, nobody,
      nonroot 65532), unless --no-base.
  oci.py list LAYOUT
      One line per image: NAME DIGEST SIZE (the manifest's digest; SIZE the sum of its blobs).
  oci.py push LAYOUT URL [NAME...]
      Pushes the images (all, or the NAMEs) to the registry at URL (http://HOST:PORT) under their
      repository paths without the registry host (registry.k8s.io/coredns/coredns:v1.14.6 ->
      URL/v2/coredns/coredns/manifests/v1.14.6; docker.io/x:1 -> library/x), which is what containerd
      asks a mirror for. Blobs the registry has are not sent again. Fails unless the registry answers
      each manifest with the layout's digest.
  oci.py verify LAYOUT URL
      GETs every image's manifest from the registry by tag and checks its digest (header and body).
"""
import hashlib
import http.client
import io
import json
import os
import stat
import sys
import tarfile
import tempfile
import urllib.parse

MT_INDEX = "application/vnd.oci.image.index.v1+json"
MT_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MT_CONFIG = "application/vnd.oci.image.config.v1+json"
MT_LAYER = "application/vnd.oci.image.layer.v1.tar"
STAMP_VERSION = "1"  # bump when the layout this tool writes changes

BASE_FILES = {
    "etc/passwd": b"root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
                  b"nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n",
    "etc/group": b"root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n",
    "etc/nsswitch.conf": b"hosts: files dns\n",
}


def die(msg):
    print("oci.py: " + msg, file=sys.stderr)
    sys.exit(1)


# ---------------------------------------------------------------- the layout

def blob_path(layout, digest):
    return os.path.join(layout, "blobs", "sha256", digest.split(":", 1)[1])


def read_index(layout):
    try:
        with open(os.path.join(layout, "index.json")) as f:
            return json.load(f)
    except FileNotFoundError:
        return {"schemaVersion": 2, "mediaType": MT_INDEX, "manifests": []}


def write_json_atomic(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(tmp, path)


def put_blob_bytes(layout, data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    path = blob_path(layout, digest)
    if not os.path.exists(path):
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.replace(path + ".tmp", path)
    return digest, len(data)


class HashingWriter:
    """A write-only file object that hashes and counts what passes through (tarfile needs tell())."""

    def __init__(self, f):
        self.f, self.h, self.n = f, hashlib.sha256(), 0

    def write(self, b):
        self.h.update(b)
        self.n += len(b)
        return self.f.write(b)

    def tell(self):
        return self.n


def parse_specs(specs, base):
    """-> {arcname: (kind, source, mode)} with kind file|dir|link; later specs win."""
    entries = {}

    def add_dir(arc, mode=0o755):
        entries.setdefault(arc, ("dir", None, mode))

    if base:
        add_dir("tmp", 0o1777)
        add_dir("etc")
        for arc, data in BASE_FILES.items():
            entries[arc] = ("data", data, 0o644)
    for spec in specs:
        kind, _, rest = spec.partition(":")
        if kind == "dir":
            entries[rest.strip("/")] = ("dir", None, 0o755)
        elif kind in ("file", "link", "tree"):
            src, sep, dest = rest.rpartition(":")
            if not sep or not dest.startswith("/"):
                die("bad spec (want %s:SRC:/DEST): %s" % (kind, spec))
            arc = dest.strip("/")
            if kind == "link":
                entries[arc] = ("link", src, 0o777)
            elif kind == "file":
                st = os.stat(src)
                entries[arc] = ("file", src, stat.S_IMODE(st.st_mode))
            else:
                if not os.path.isdir(src):
                    die("not a directory: " + src)
                for root, dirs, files in os.walk(src):
                    rel = os.path.relpath(root, src)
                    top = arc if rel == "." else (arc + "/" + rel if arc else rel)
                    if top:
                        entries[top] = ("dir", None, stat.S_IMODE(os.lstat(root).st_mode))
                    for name in dirs + files:
                        p = os.path.join(root, name)
                        a = (top + "/" + name) if top else name
                        st = os.lstat(p)
                        if stat.S_ISLNK(st.st_mode):
                            entries[a] = ("link", os.readlink(p), 0o777)
                        elif stat.S_ISREG(st.st_mode):
                            entries[a] = ("file", p, stat.S_IMODE(st.st_mode))
        else:
            die("unknown spec kind: " + spec)
    # every parent directory
    for arc in list(entries):
        parts = arc.split("/")
        for i in range(1, len(parts)):
            add_dir("/".join(parts[:i]))
    return entries


def fingerprint(name, opts, entries):
    h = hashlib.sha256()
    h.update(json.dumps([STAMP_VERSION, name, opts], sort_keys=True).encode())
    for arc in sorted(entries):
        kind, src, mode = entries[arc]
        if kind == "file":
            st = os.stat(src)
            h.update(json.dumps([arc, kind, src, mode, st.st_size, st.st_mtime_ns]).encode())
        elif kind == "data":
            h.update(json.dumps([arc, kind, hashlib.sha256(src).hexdigest(), mode]).encode())
        else:
            h.update(json.dumps([arc, kind, src, mode]).encode())
    return h.hexdigest()


def write_layer(layout, entries):
    fd, tmp = tempfile.mkstemp(prefix=".layer-", dir=os.path.join(layout, "blobs", "sha256"))
    with os.fdopen(fd, "wb") as f:
        w = HashingWriter(f)
        with tarfile.open(fileobj=w, mode="w", format=tarfile.PAX_FORMAT) as tf:
            for arc in sorted(entries):
                kind, src, mode = entries[arc]
                ti = tarfile.TarInfo(arc)
                ti.mode, ti.mtime, ti.uid, ti.gid, ti.uname, ti.gname = mode, 0, 0, 0, "root", "root"
                if kind == "dir":
                    ti.type = tarfile.DIRTYPE
                    tf.addfile(ti)
                elif kind == "link":
                    ti.type, ti.linkname = tarfile.SYMTYPE, src
                    tf.addfile(ti)
                elif kind == "data":
                    ti.size = len(src)
                    tf.addfile(ti, io.BytesIO(src))
                else:
                    ti.size = os.path.getsize(src)
                    with open(src, "rb") as sf:
                        tf.addfile(ti, sf)
    digest = "sha256:" + w.h.hexdigest()
    os.replace(tmp, blob_path(layout, digest))
    return digest, w.n


def gc(layout, index):
    keep = set()
    for m in index["manifests"]:
        keep.add(m["digest"])
        try:
            with open(blob_path(layout, m["digest"])) as f:
                man = json.load(f)
        except FileNotFoundError:
            continue
        keep.add(man["config"]["digest"])
        keep.update(l["digest"] for l in man["layers"])
    d = os.path.join(layout, "blobs", "sha256")
    for name in os.listdir(d):
        if "sha256:" + name not in keep:
            os.unlink(os.path.join(d, name))


def cmd_build(args):
    layout, name, rest = args[0], args[1], args[2:]
    if ":" not in name.rsplit("/", 1)[-1]:
        die("NAME needs a tag: " + name)
    opts = {"entrypoint": None, "cmd": None, "env": [], "workdir": "/", "user": "", "base": True}
    specs = []
    i = 0
    while i < len(rest):
        a = rest[i]
        if a in ("--entrypoint", "--cmd"):
            opts[a[2:]] = json.loads(rest[i + 1]); i += 2
        elif a == "--env":
            opts["env"].append(rest[i + 1]); i += 2
        elif a in ("--workdir", "--user"):
            opts[a[2:]] = rest[i + 1]; i += 2
        elif a == "--no-base":
            opts["base"] = False; i += 1
        else:
            specs.append(a); i += 1
    os.makedirs(os.path.join(layout, "blobs", "sha256"), exist_ok=True)
    oci_layout = os.path.join(layout, "oci-layout")
    if not os.path.exists(oci_layout):
        with open(oci_layout, "w") as f:
            f.write('{"imageLayoutVersion":"1.0.0"}')
    entries = parse_specs(specs, opts["base"])
    fp = fingerprint(name, opts, entries)
    stamps_path = os.path.join(layout, "kubeha-stamps.json")
    try:
        with open(stamps_path) as f:
            stamps = json.load(f)
    except FileNotFoundError:
        stamps = {}
    index = read_index(layout)
    current = [m for m in index["manifests"] if m.get("annotations", {}).get("io.containerd.image.name") == name]
    if (stamps.get(name, {}).get("fingerprint") == fp and current
            and current[0]["digest"] == stamps[name]["digest"] and os.path.exists(blob_path(layout, current[0]["digest"]))):
        print("%s %s unchanged" % (name, current[0]["digest"]))
        return
    layer_digest, layer_size = write_layer(layout, entries)
    env = opts["env"] or ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
    cfg = {"Env": env, "WorkingDir": opts["workdir"]}
    if opts["entrypoint"] is not None:
        cfg["Entrypoint"] = opts["entrypoint"]
    if opts["cmd"] is not None:
        cfg["Cmd"] = opts["cmd"]
    if opts["user"]:
        cfg["User"] = opts["user"]
    config = json.dumps({
        "architecture": "amd64", "os": "linux", "created": "1970-01-01T00:00:00Z", "config": cfg,
        "rootfs": {"type": "layers", "diff_ids": [layer_digest]},
        "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "kubeha lab/node/oci.py"}],
    }, sort_keys=True).encode()
    config_digest, config_size = put_blob_bytes(layout, config)
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": MT_MANIFEST,
        "config": {"mediaType": MT_CONFIG, "digest": config_digest, "size": config_size},
        "layers": [{"mediaType": MT_LAYER, "digest": layer_digest, "size": layer_size}],
    }, sort_keys=True).encode()
    manifest_digest, manifest_size = put_blob_bytes(layout, manifest)
    index["manifests"] = [m for m in index["manifests"]
                          if m.get("annotations", {}).get("io.containerd.image.name") != name]
    index["manifests"].append({
        "mediaType": MT_MANIFEST, "digest": manifest_digest, "size": manifest_size,
        "platform": {"architecture": "amd64", "os": "linux"},
        "annotations": {"io.containerd.image.name": name, "org.opencontainers.image.ref.name": name},
    })
    index["manifests"].sort(key=lambda m: m["annotations"]["io.containerd.image.name"])
    write_json_atomic(os.path.join(layout, "index.json"), index)
    stamps[name] = {"fingerprint": fp, "digest": manifest_digest}
    stamps = {k: v for k, v in stamps.items()
              if any(m["annotations"]["io.containerd.image.name"] == k for m in index["manifests"])}
    write_json_atomic(stamps_path, stamps)
    gc(layout, index)
    print("%s %s layer %d bytes" % (name, manifest_digest, layer_size))


def images(layout):
    index = read_index(layout)
    for m in index["manifests"]:
        name = m["annotations"]["io.containerd.image.name"]
        with open(blob_path(layout, m["digest"]), "rb") as f:
            raw = f.read()
        yield name, m["digest"], raw, json.loads(raw)


def cmd_list(args):
    layout = args[0]
    for name, digest, raw, man in images(layout):
        size = len(raw) + man["config"]["size"] + sum(l["size"] for l in man["layers"])
        print(name, digest, size)


def repo_and_tag(name):
    """registry.k8s.io/coredns/coredns:v1.14.6 -> (coredns/coredns, v1.14.6), as containerd asks a mirror."""
    path, _, tag = name.rpartition(":")
    first, _, rest = path.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        host, repo = first, rest
    else:
        host, repo = "docker.io", path
    if host == "docker.io" and "/" not in repo:
        repo = "library/" + repo
    return repo, tag


class Registry:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        if u.scheme != "http":
            die("only http:// registries: " + url)
        self.host, self.port = u.hostname, u.port or 80

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection(self.host, self.port, timeout=600)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, r.headers, data


def cmd_push(args):
    layout, url, wanted = args[0], args[1], set(args[2:])
    reg = Registry(url)
    seen = set()
    for name, digest, raw, man in images(layout):
        if wanted and name not in wanted:
            continue
        seen.add(name)
        repo, tag = repo_and_tag(name)
        sent = 0
        for blob in [man["config"]] + man["layers"]:
            st, _, _ = reg.request("HEAD", "/v2/%s/blobs/%s" % (repo, blob["digest"]))
            if st == 200:
                continue
            st, hdr, data = reg.request("POST", "/v2/%s/blobs/uploads/" % repo, headers={"Content-Length": "0"})
            if st != 202:
                die("%s: starting an upload: HTTP %d %s" % (name, st, data[:200]))
            loc = urllib.parse.urlsplit(hdr["Location"])
            q = loc.query + ("&" if loc.query else "") + "digest=" + urllib.parse.quote(blob["digest"])
            with open(blob_path(layout, blob["digest"]), "rb") as f:
                st, _, data = reg.request("PUT", loc.path + "?" + q, body=f, headers={
                    "Content-Type": "application/octet-stream", "Content-Length": str(blob["size"])})
            if st != 201:
                die("%s: uploading %s: HTTP %d %s" % (name, blob["digest"], st, data[:200]))
            sent += blob["size"]
        st, hdr, data = reg.request("PUT", "/v2/%s/manifests/%s" % (repo, tag), body=raw,
                                    headers={"Content-Type": man["mediaType"]})
        if st != 201 or hdr.get("Docker-Content-Digest") != digest:
            die("%s: putting the manifest: HTTP %d digest %s (want %s) %s"
                % (name, st, hdr.get("Docker-Content-Digest"), digest, data[:200]))
        print("pushed %s -> /v2/%s/manifests/%s %s (%d bytes sent)" % (name, repo, tag, digest, sent))
    missing = wanted - seen
    if missing:
        die("not in %s: %s" % (layout, " ".join(sorted(missing))))


def cmd_verify(args):
    layout, url = args[0], args[1]
    reg = Registry(url)
    bad = 0
    for name, digest, raw, man in images(layout):
        repo, tag = repo_and_tag(name)
        st, hdr, data = reg.request("GET", "/v2/%s/manifests/%s" % (repo, tag), headers={"Accept": MT_MANIFEST})
        body = "sha256:" + hashlib.sha256(data).hexdigest()
        ok = st == 200 and hdr.get("Docker-Content-Digest") == digest and body == digest
        bad += not ok
        print("%s %s /v2/%s/manifests/%s HTTP %d %s" % ("ok " if ok else "BAD", name, repo, tag, st,
                                                       hdr.get("Docker-Content-Digest")))
    if bad:
        die("%d image(s) not served as built" % bad)


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cmd, args = sys.argv[1], sys.argv[2:]
    {"build": cmd_build, "list": cmd_list, "push": cmd_push, "verify": cmd_verify}.get(
        cmd, lambda a: (print(__doc__, file=sys.stderr), sys.exit(2)))(args)


if __name__ == "__main__":
    main()
