# Real nodes: the real kubelet, containerd, runc, CNI plugins and crictl that lab/bin/build-node built,
# the images it pushed served by a real registry on the bridge, and the lab-only host adaptations they
# need here (lab/README.md, "Real nodes").

NODE_CACHE="${KUBEHA_NODE_CACHE:-$HOME/.cache/kubeha/node}"
REGISTRY_PORT="${KUBEHA_LAB_REGISTRY_PORT:-5000}"
# Registries whose images the lab's registry serves by their public names (containerd asks a mirror
# for /v2/<repository>/... without the registry host; build-node pushed them that way).
MIRRORED_REGISTRIES="registry.k8s.io docker.io quay.io ghcr.io"
# Where the lab's node files live inside every host.
NODE_LIB=/usr/lib/kubeha-lab/node
# The host's ext4 directory for containerd's root (bound by nspawn; /var/lib/containerd links to it).
CONTAINERD_DISK=/var/lib/kubeha-lab/containerd-disk
# The six /proc/sys paths the kubelet checks (its setupKernelTunables), with the values it wants.
KERNEL_TUNABLES="vm/overcommit_memory=1 vm/panic_on_oom=0 kernel/panic=10 kernel/panic_on_oops=1
  kernel/keys/root_maxkeys=1000000 kernel/keys/root_maxbytes=25000000"
# Debian's iptables and what it needs beyond this machine's packages, from build-node's download.
IPTABLES_DEBS="iptables libip4tc2 libip6tc2 libxtables12 libnetfilter-conntrack3 libnfnetlink0 libmnl0 libnftnl11"

# The newest version directory under a www release path of build-node's cache ("" if none).
node_www_version() {
  local d
  for d in "$NODE_CACHE/www/$1"/v*/; do [[ -d $d ]] && basename "$d"; done | sort -V | tail -1 | sed 's/^v//'
}

# Checks build-node's cache has everything and prints "containerd=X runc=Y cni=Z crictl=W" ($LAB/real-nodes).
realnode_versions() {
  local c r n t missing=()
  c=$(node_www_version containerd/containerd/releases/download)
  r=$(node_www_version opencontainers/runc/releases/download)
  n=$(node_www_version containernetworking/plugins/releases/download)
  t=$(node_www_version kubernetes-sigs/cri-tools/releases/download)
  [[ -n $c && -f $NODE_CACHE/www/containerd/containerd/releases/download/v$c/containerd-$c-linux-amd64.tar.gz ]] || missing+=(containerd)
  [[ -n $r && -f $NODE_CACHE/www/opencontainers/runc/releases/download/v$r/runc.amd64 ]] || missing+=(runc)
  [[ -n $n && -f $NODE_CACHE/www/containernetworking/plugins/releases/download/v$n/cni-plugins-linux-amd64-v$n.tgz ]] || missing+=(cni-plugins)
  [[ -n $t && -x $NODE_CACHE/crictl/$t/crictl ]] || missing+=(crictl)
  [[ -x $NODE_CACHE/bin/registry && -d $NODE_CACHE/registry/data/docker ]] || missing+=(registry)
  [[ -x $NODE_CACHE/bin/runc-guard ]] || missing+=(runc-guard)
  local deb; for deb in $IPTABLES_DEBS; do compgen -G "$NODE_CACHE/deb/iptables/debs/${deb}_*.deb" >/dev/null || missing+=("$deb.deb"); done
  ((${#missing[@]} == 0)) || die "up: not built in $NODE_CACHE: ${missing[*]} (run lab/bin/build-node)"
  echo "containerd=$c runc=$r cni=$n crictl=$t"
}

realnode_version() { tr ' ' '\n' <"$LAB/real-nodes" | sed -n "s/^$1=//p"; }

# WWW: build-node's release files at github.com's paths.
realnode_mirror() {
  local www=$1 rel f
  for rel in "containerd/containerd/releases/download/v$(realnode_version containerd)" \
    "opencontainers/runc/releases/download/v$(realnode_version runc)" \
    "containernetworking/plugins/releases/download/v$(realnode_version cni)" \
    "kubernetes-sigs/cri-tools/releases/download/v$(realnode_version crictl)"; do
    mkdir -p "$www/$rel"
    for f in "$NODE_CACHE/www/$rel"/*; do
      ln -f "$f" "$www/$rel/" 2>/dev/null || cp "$f" "$www/$rel/"
    done
  done
}

# The lab's own node files in the template layer M (lab/files/realnode/, lab/README.md).
realnode_template() {
  local m=$1 f d deb debs=()
  # Debian's iptables (nft backend) for the kubelet and the CNI portmap plugin, installed into the
  # template layer only: the machine has none, and its own packages stay as they are.
  mkdir -p "$m/var/cache/kubeha-lab-debs"
  for deb in $IPTABLES_DEBS; do
    f=$(compgen -G "$NODE_CACHE/deb/iptables/debs/${deb}_*.deb" | head -1)
    cp "$f" "$m/var/cache/kubeha-lab-debs/"; debs+=("/var/cache/kubeha-lab-debs/${f##*/}")
  done
  chroot "$m" dpkg -i --skip-same-version "${debs[@]}" >"$LAB/realnode-dpkg.log" 2>&1 ||
    die "up: dpkg -i of iptables into the template failed (see $LAB/realnode-dpkg.log)"
  rm -rf "$m/var/cache/kubeha-lab-debs"
  chroot "$m" iptables --version >>"$LAB/realnode-dpkg.log" 2>&1 || die "up: iptables does not run in the template"

  install -D -m 0755 "$NODE_CACHE/bin/runc-guard" "$m$NODE_LIB/runc-guard"
  install -D -m 0755 "$NODE_CACHE/crictl/$(realnode_version crictl)/crictl" "$m/usr/bin/crictl"
  put "$m" etc/crictl.yaml <<<'runtime-endpoint: unix:///run/containerd/containerd.sock'
  for f in $KERNEL_TUNABLES; do put "$m" "${NODE_LIB#/}/sys/${f%%=*}" 0444 <<<"${f#*=}"; done
  d="$LAB_HOME/files/realnode"
  put "$m" "${NODE_LIB#/}/node-prep" 0755 <"$d/node-prep"
  put "$m" "${NODE_LIB#/}/containerd-prep" 0755 <"$d/containerd-prep"
  put "$m" "${NODE_LIB#/}/containerd-lab.toml" <"$d/containerd-lab.toml"
  put "$m" usr/lib/systemd/system/kubeha-lab-node.service <"$d/kubeha-lab-node.service"
  ln -sf ../kubeha-lab-node.service "$m/usr/lib/systemd/system/sysinit.target.wants/kubeha-lab-node.service"
  put "$m" usr/lib/systemd/system/kubeha-lab-pods-stop.service <"$d/kubeha-lab-pods-stop.service"
  mkdir -p "$m/usr/lib/systemd/system/containerd.service.wants"
  ln -sf ../kubeha-lab-pods-stop.service "$m/usr/lib/systemd/system/containerd.service.wants/kubeha-lab-pods-stop.service"
  put "$m" etc/systemd/system/containerd.service.d/50-kubeha-lab.conf <"$d/containerd-dropin.conf"
  put "$m" etc/systemd/system/kubelet.service.d/50-kubeha-lab.conf <"$d/kubelet-dropin.conf"
  put "$m" etc/kubeha-lab/kubelet.conf.d/50-kubeha-lab.conf <"$d/kubelet-lab.conf"
  put "$m" etc/kubeha-lab/resolv.conf <<<"nameserver $BRIDGE_ADDR"
}

# Extra systemd-nspawn arguments of a host.
realnode_nspawn_args() {
  local d; d="$(host_dir "$1")"
  mkdir -p "$d/containerd-disk"
  # runc joins a session keyring; nspawn's seccomp filter refuses keyctl otherwise.
  echo "--system-call-filter=@keyring"
  echo "--bind=$d/containerd-disk:$CONTAINERD_DISK"
}

# The registry: build-node's images, read-only, on the bridge address only.
registry_start() {
  cat >"$LAB/registry.yml" <<EOF
# kubeha lab: CNCF distribution's registry over build-node's storage, read-only.
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $NODE_CACHE/registry/data
  maintenance:
    uploadpurging:
      enabled: false
    readonly:
      enabled: true
http:
  addr: $BRIDGE_ADDR:$REGISTRY_PORT
EOF
  # OTEL_TRACES_EXPORTER=none: registry 3.x otherwise posts traces to localhost:4318 (seen in its log).
  OTEL_TRACES_EXPORTER=none setsid "$NODE_CACHE/bin/registry" serve "$LAB/registry.yml" </dev/null >"$LAB/registry.log" 2>&1 &
  echo $! >"$LAB/registry.pid"
  wait_for 10 curl -fsS -o /dev/null "http://$BRIDGE_ADDR:$REGISTRY_PORT/v2/" ||
    die "the registry did not start (see $LAB/registry.log)"
}

registry_stop() {
  local f="$LAB/registry.pid" pid
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if [[ -n "$pid" && -d /proc/$pid ]] && grep -qa "$LAB/registry.yml" "/proc/$pid/cmdline"; then
    kill -TERM "$pid"
    wait_for 5 test ! -d "/proc/$pid" || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

# The inventory's containerRuntime: the versions built and the registry mirrors.
realnode_inventory() {
  local r
  echo "  containerRuntime:"
  echo "    containerd: $(realnode_version containerd)"
  echo "    runc: $(realnode_version runc)"
  echo "    cniPlugins: $(realnode_version cni)"
  echo "    registryMirrors:"
  for r in $MIRRORED_REGISTRIES; do
    echo "      - {registry: $r, endpoints: ['http://$BRIDGE_ADDR:$REGISTRY_PORT'], insecure: true}"
  done
}

# The host's own cgroup of every cgroup-v1 controller hierarchy (lab/lib/boot-host made them).
host_v1_cgroups() {
  local f; f="$(host_dir "$1")/v1-cgroups"
  [[ -f "$f" ]] && cat "$f"
  return 0
}
