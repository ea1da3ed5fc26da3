# Node prep like kubeha does it: containerd + runc + CNI from the mirror, kubelet/kubeadm/kubectl from the apt repo, held;
# images through the lab's registry, as containerd mirrors (certs.d hosts.toml).
set -e
M=$1 MINOR=$2 C=$3 REGISTRY=$4
R=1.3.4 N=1.8.0
cd /tmp
curl -fsSLO $M/containerd/containerd/releases/download/v$C/containerd-$C-linux-amd64.tar.gz
curl -fsSLO $M/containerd/containerd/releases/download/v$C/containerd-$C-linux-amd64.tar.gz.sha256sum
sha256sum -c containerd-$C-linux-amd64.tar.gz.sha256sum
tar Cxzf /usr/local containerd-$C-linux-amd64.tar.gz
curl -fsSL -o /usr/local/sbin/runc $M/opencontainers/runc/releases/download/v$R/runc.amd64; chmod 755 /usr/local/sbin/runc
mkdir -p /opt/cni/bin; curl -fsSL $M/containernetworking/plugins/releases/download/v$N/cni-plugins-linux-amd64-v$N.tgz | tar Cxz /opt/cni/bin
mkdir -p /etc/containerd; containerd config default | sed -e 's/SystemdCgroup = false/SystemdCgroup = true/' \
  -e "0,/config_path = ''/s||config_path = '/etc/containerd/certs.d'|" > /etc/containerd/config.toml
for r in registry.k8s.io ghcr.io docker.io; do
  mkdir -p /etc/containerd/certs.d/$r
  printf 'server = "https://%s"\n[host."%s"]\n  capabilities = ["pull", "resolve"]\n  skip_verify = true\n' $r $REGISTRY \
    > /etc/containerd/certs.d/$r/hosts.toml
done
cat > /etc/systemd/system/containerd.service <<'U'
[Unit]
Description=containerd container runtime
After=network.target local-fs.target
[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/local/bin/containerd
Type=notify
Delegate=yes
KillMode=process
Restart=always
[Install]
WantedBy=multi-user.target
U
systemctl daemon-reload; systemctl enable --now containerd
sysctl -w net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 >/dev/null
mkdir -p /etc/apt/keyrings
curl -fsSL $M/apt/core:/stable:/v$MINOR/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg --yes
echo "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] $M/apt/core:/stable:/v$MINOR/deb/ /" > /etc/apt/sources.list.d/kubernetes.list
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q kubelet kubeadm kubectl >/dev/null
apt-mark hold kubelet kubeadm kubectl
systemctl enable kubelet
echo prep-done
