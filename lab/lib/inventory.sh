# The kubeha inventory of the lab (SPEC.md format).

inventory_write() {
  local lbs; lbs="$(awk '$3 ~ /load-balancer/' "$LAB/hosts.tsv" | wc -l)"
  local apt_key; apt_key="$(apt_key_fingerprint)" || die "no inventory without the apt key's fingerprint: run lab up again"
  cat <<YAML
apiVersion: kubeha/v1alpha1
kind: Cluster
metadata: {name: lab}
spec:
  ssh: {user: kubeha, port: 22, keyPath: $LAB/ssh/id_ed25519, knownHosts: $LAB/ssh/known_hosts}
  hosts:
YAML
  local host addr roles mac
  while read -r host addr roles mac; do
    echo "    - {name: $host, address: $addr, roles: [${roles//,/, }]}"
  done <"$LAB/hosts.tsv"
  ((lbs == 0)) || echo "  controlPlaneEndpoint: {vip: $VIP, port: 16443, interface: eth0, virtualRouterId: 51}"
  cat <<YAML
  ntp: {upstream: [], allow: [$NET_PREFIX.0/24]}
  kubernetes: {version: $(k8s_default_release | cut -c2-), $(lab_cni)$(lab_ignored_checks)}
YAML
  # The versions build-node built (the mirror serves them) and the lab's registry as the mirror.
  realnode_inventory
  # Plain HTTP on the bridge, hence insecure; the apt key is the lab's own, checked by fingerprint.
  cat <<YAML
  artifacts:
    mirror: http://$BRIDGE_ADDR:$HTTP_PORT
    aptRepository: http://$BRIDGE_ADDR:$HTTP_PORT/apt
    aptKeyFingerprint: $apt_key
    insecure: true
    checksums:
YAML
  local name sum
  mirror_checksums | while read -r name sum; do echo "      $name: $sum"; done
}

# The lab runs flannel, whose images build-node builds (Calico's cannot run here: lab/README.md).
lab_cni() {
  # kube-proxy leaves the conntrack limit alone (as kind does): it is the machine's, writable only from
  # its own network namespace (kube-proxy 1.36.3: "open /proc/sys/net/netfilter/nf_conntrack_max:
  # permission denied", crash-looping; lab/README.md).
  echo "cni: flannel, kubeProxy: {conntrackMaxPerCore: 0}"
}

# kubeadm's SystemVerification refuses a cgroup v1 machine for kubelet >= 1.35; the lab's kubelet runs
# on cgroup v1 with the lab's failCgroupV1: false (lab/files/realnode/), so the lab's inventory ignores
# that check on such a machine (lab/README.md).
lab_ignored_checks() {
  [[ -f /sys/fs/cgroup/cgroup.controllers ]] || echo ", ignorePreflightErrors: [SystemVerification]"
}
