# The template layer shared by every host: an overlay layer on a tmpfs, stacked between each
# host's upper dir and the machine's root (a lower layer must not live on the root's own fs).

# Units of the machine that a fresh host must not start, and units of software that a fresh
# Ubuntu host does not have.
MASKED_UNITS="chrony.service nginx.service keepalived.service postgresql.service e2scrub_reap.service
  systemd-pstore.service getty@tty1.service console-getty.service apt-daily.timer apt-daily-upgrade.timer
  dpkg-db-backup.timer e2scrub_all.timer fstrim.timer man-db.timer systemd-networkd-wait-online.service"
ABSENT_PATHS="usr/bin/containerd usr/bin/ctr usr/bin/containerd-shim-runc-v2 usr/bin/containerd-shim
  usr/bin/kubectl usr/sbin/runc usr/bin/runc usr/bin/docker usr/bin/dockerd etc/containerd etc/docker
  usr/lib/systemd/system/containerd.service usr/lib/systemd/system/docker.service
  usr/lib/systemd/system/docker.socket etc/systemd/system/multi-user.target.wants/containerd.service
  etc/systemd/system/multi-user.target.wants/docker.service etc/systemd/system/sockets.target.wants/docker.socket
  etc/init.d/docker etc/init.d/ipvsadm etc/init.d/cgroupfs-mount etc/default/docker
  etc/apt/sources.list etc/ssh/ssh_host_rsa_key etc/ssh/ssh_host_rsa_key.pub etc/ssh/ssh_host_ecdsa_key
  etc/ssh/ssh_host_ecdsa_key.pub etc/ssh/ssh_host_ed25519_key etc/ssh/ssh_host_ed25519_key.pub"
ABSENT_PACKAGES="kubectl docker.io docker-compose python3-docker python3-dockerpty containerd runc"
EMPTY_DIRS="root opt usr/local etc/apt/sources.list.d"

set_opaque() { "$SYS_PY" -c 'import os,sys; os.setxattr(sys.argv[1], "trusted.overlay.opaque", b"y")' "$1"; }

# Writes stdin to ROOT/PATH with MODE, replacing whatever (file or symlink) was there.
put() {
  local dest="$1/$2" mode="${3:-0644}"
  mkdir -p "$(dirname "$dest")"
  rm -f "$dest"
  cat >"$dest"
  chmod "$mode" "$dest"
}

template_build() {
  local t="$LAB/template"
  mkdir -p "$t"
  mount -t tmpfs -o mode=0755,size=512m kubeha-lab-template "$t"
  mkdir -p "$t/layer" "$t/work" "$t/merged"
  local d
  for d in $EMPTY_DIRS; do mkdir -p "$t/layer/$d" && set_opaque "$t/layer/$d"; done
  mkdir -p "$t/layer/usr/local/"{bin,sbin,lib,share,etc,include,src}
  mount -t overlay kubeha-lab-template -o "lowerdir=/,upperdir=$t/layer,workdir=$t/work" "$t/merged"
  template_fill "$t/merged"
  umount "$t/merged"
}

template_fill() {
  local m="${1:?}" p
  chroot "$m" dpkg --purge --force-depends --no-triggers $ABSENT_PACKAGES >/dev/null 2>&1
  for p in $ABSENT_PATHS; do rm -rf "${m:?}/$p"; done
  chroot "$m" useradd -m -s /bin/bash kubeha
  SYSTEMD_LOG_LEVEL=err systemctl --root="$m" mask $MASKED_UNITS >/dev/null 2>&1
  local key; key="$(cat "$LAB/ssh/id_ed25519.pub")"
  put "$m" root/.ssh/authorized_keys 0600 <<<"$key"
  put "$m" home/kubeha/.ssh/authorized_keys 0600 <<<"$key"
  chroot "$m" chown -R kubeha:kubeha /home/kubeha/.ssh
  chmod 0700 "$m/root/.ssh" "$m/home/kubeha/.ssh"
  put "$m" root/.bashrc <<<'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  put "$m" etc/sudoers.d/kubeha 0440 <<<'kubeha ALL=(ALL) NOPASSWD:ALL'
  put "$m" etc/resolv.conf <<<'nameserver 127.0.0.1'
  put "$m" etc/ssh/sshd_config.d/10-kubeha-lab.conf <"$LAB_HOME/files/sshd.conf"
  put "$m" etc/default/chrony <<<'DAEMON_OPTS="-F 1 -x"'
  put "$m" usr/lib/systemd/system/chrony.service.d/50-kubeha-lab.conf <"$LAB_HOME/files/chrony-dropin.conf"
  put "$m" usr/lib/systemd/system/kubeha-lab-dmi.service <"$LAB_HOME/files/kubeha-lab-dmi.service"
  ln -sf ../kubeha-lab-dmi.service "$m/usr/lib/systemd/system/sysinit.target.wants/kubeha-lab-dmi.service"
  put "$m" usr/lib/os-release <"$LAB_HOME/files/os-release"
  put "$m" etc/os-release <"$LAB_HOME/files/os-release"
  put "$m" etc/lsb-release <"$LAB_HOME/files/lsb-release"
  put "$m" usr/sbin/modprobe 0755 <"$LAB_HOME/standins/modprobe"
  mkdir -p "$m/usr/lib/kubeha-lab" "$m/var/log/kubeha-lab" "$m$HOST_RELEASES"
  cp "$LAB_HOME/standins/lib/"* "$m/usr/lib/kubeha-lab/"
  chmod 1777 "$m/var/log/kubeha-lab"
  realnode_template "$m"
}

template_remove() {
  local t="$LAB/template"
  mountpoint -q "$t/merged" 2>/dev/null && umount "$t/merged"
  mountpoint -q "$t" 2>/dev/null && umount "$t"
  rmdir "$t/merged" "$t" 2>/dev/null || true
}
