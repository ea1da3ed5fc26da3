# The kubeha inventory of the lab (SPEC.md format).

inventory_write() {
  local lbs; lbs="$(awk '$3 ~ /load-balancer/' "$LAB/hosts.tsv" | wc -l)"
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
  # Real nodes: the versions build-node built (the mirror serves them) and the lab's registry as the mirror.
  if real_nodes; then realnode_inventory; fi
  cat <<YAML
  artifacts:
    mirror: http://$BRIDGE_ADDR:$HTTP_PORT
    aptRepository: http://$BRIDGE_ADDR:$HTTP_PORT/apt
    checksums:
YAML
  local name sum
  mirror_checksums | while read -r name sum; do echo "      $name: $sum"; done
}

# Real nodes run flannel, whose images build-node builds (Calico's cannot run here: lab/README.md);
# the stand-in nodes keep Calico's manifest, which the real API server takes without running it.
lab_cni() {
  # kube-proxy leaves the conntrack limit alone (as kind does): it is the machine's, writable only from
  # its own network namespace (kube-proxy 1.36.3: "open /proc/sys/net/netfilter/nf_conntrack_max:
  # permission denied", crash-looping; lab/README.md).
  if real_nodes; then echo "cni: flannel, kubeProxy: {conntrackMaxPerCore: 0}"; else echo "cni: calico, cniVersion: $CALICO_VERSION"; fi
}

# kubeadm's SystemVerification refuses a cgroup v1 machine for kubelet >= 1.35; the lab's kubelet
# stand-in uses no cgroups, so only the lab's inventory ignores that check (lab/README.md); a real-node
# lab's kubelet runs on cgroup v1 with the lab's failCgroupV1: false (lab/files/realnode/). CreateJob:
# kubeadm upgrade's health check runs a Job, whose Pod the kubelet stand-in does not run.
lab_ignored_checks() {
  if real_nodes; then
    [[ -f /sys/fs/cgroup/cgroup.controllers ]] || echo ", ignorePreflightErrors: [SystemVerification]"
  elif [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
    echo ", ignorePreflightErrors: [CreateJob]"
  else
    echo ", ignorePreflightErrors: [SystemVerification, CreateJob]"
  fi
}
