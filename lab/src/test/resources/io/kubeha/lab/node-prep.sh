# Node prep like kubeha does it: containerd + runc + CNI from the mirror, kubelet/kubeadm/kubectl from the apt repo, held.
set -e
M=$1
cd /tmp
curl -fsSLO $M/containerd/containerd/releases/download/v2.0.4/containerd-2.0.4-linux-amd64.tar.gz
curl -fsSLO $M/containerd/containerd/releases/download/v2.0.4/containerd-2.0.4-linux-amd64.tar.gz.sha256sum
sha256sum -c containerd-2.0.4-linux-amd64.tar.gz.sha256sum
tar Cxzf /usr/local containerd-2.0.4-linux-amd64.tar.gz
curl -fsSL -o /usr/local/sbin/runc $M/opencontainers/runc/releases/download/v1.2.6/runc.amd64; chmod 755 /usr/local/sbin/runc
mkdir -p /opt/cni/bin; curl -fsSL $M/containernetworking/plugins/releases/download/v1.6.2/cni-plugins-linux-amd64-v1.6.2.tgz | tar Cxz /opt/cni/bin
mkdir -p /etc/containerd; containerd config default | sed 's/SystemdCgroup = false/SystemdCgroup = true/' > /etc/containerd/config.toml
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
sysctl -w net.ipv4.ip_forward=1 >/dev/null
mkdir -p /etc/apt/keyrings
curl -fsSL $M/apt/core:/stable:/v1.37/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg --yes
echo "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] $M/apt/core:/stable:/v1.37/deb/ /" > /etc/apt/sources.list.d/kubernetes.list
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q kubelet kubeadm kubectl >/dev/null
apt-mark hold kubelet kubeadm kubectl
systemctl enable kubelet
echo prep-done
