# One host: its overlay root, per-host identity, and its systemd-nspawn boot.

host_mount() {
  local d; d="$(host_dir "$1")"
  mkdir -p "$d/upper" "$d/work" "$d/root"
  mount -t overlay "kubeha-lab-$1" -o "lowerdir=$LAB/template/layer:/,upperdir=$d/upper,workdir=$d/work" "$d/root"
}

# Identity written into the host's upper layer before its first boot.
host_prepare() {
  local host=$1 addr=$2 d m; d="$(host_dir "$host")"; m="$d/root"
  "$SYS_PY" -c 'import uuid; print(uuid.uuid4().hex)' | put "$m" etc/machine-id 0444
  ln -sf /etc/machine-id "$m/var/lib/dbus/machine-id"
  put "$m" etc/hostname <<<"$host"
  put "$m" etc/hosts <<EOF2
127.0.0.1 localhost
127.0.1.1 $host
::1 localhost ip6-localhost ip6-loopback
ff02::1 ip6-allnodes
ff02::2 ip6-allrouters
EOF2
  "$SYS_PY" -c 'import uuid; print(str(uuid.uuid4()).upper())' | put "$m" var/lib/kubeha-lab/product_uuid 0444
  put "$m" etc/ssh/sshd_config.d/20-kubeha-lab-listen.conf <<<"ListenAddress $addr"
  put "$m" etc/kubeha-lab/time-scale <"$LAB/time-scale"
  host_new_key "$host"
}

# A fresh ed25519 host key; its public half goes to the lab's known_hosts pieces.
host_new_key() {
  local host=$1 d m; d="$(host_dir "$host")"; m="$d/root"
  rm -f "$m/etc/ssh/ssh_host_ed25519_key" "$m/etc/ssh/ssh_host_ed25519_key.pub"
  ssh-keygen -q -t ed25519 -N '' -C "root@$host" -f "$m/etc/ssh/ssh_host_ed25519_key"
  echo "$(host_addr "$host") $(cut -d' ' -f1,2 "$m/etc/ssh/ssh_host_ed25519_key.pub")" >"$d/known_host"
}

# Starts the host in the background: a wrapper in its own cgroups boots it again after an
# in-host reboot (nspawn exit 133) and stops on anything else.
host_boot() {
  local host=$1 d; d="$(host_dir "$host")"
  # The built Kubernetes releases, read-only (a test runs a release's own kubeadm from there).
  local binds=("--bind-ro=$K8S_CACHE:$HOST_RELEASES")
  # The node's nspawn options (realnode.sh); boot-host gives the host its own cgroup in every v1 hierarchy.
  mapfile -t -O ${#binds[@]} binds < <(realnode_nspawn_args "$host")
  setsid "$LAB_HOME/lib/boot-host" "$host" "$d" "${binds[@]}" </dev/null >>"$d/console.log" 2>&1 &
  echo $! >"$d/wrapper.pid"
}

host_ssh_ready() { timeout 1 bash -c "exec 3<>/dev/tcp/$1/22 && head -c 4 <&3 | grep -q SSH-" 2>/dev/null; }

# Stops the host: SIGTERM to nspawn (clean poweroff), SIGKILL to its cgroup after a deadline.
host_stop() {
  local host=$1 d pid; d="$(host_dir "$host")"
  kill_wrapper "$d"
  if pid="$(nspawn_pid "$host")"; then
    kill -TERM "$pid" 2>/dev/null || true
    wait_for 20 test ! -d "/proc/$pid" || cgroup_kill "$host"
  fi
  cgroup_kill "$host"
  cgroup_remove "$host"
}

kill_wrapper() {
  local f="$1/wrapper.pid" pid
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  [[ -n "$pid" && -d /proc/$pid ]] && grep -qa boot-host "/proc/$pid/cmdline" && kill -KILL "$pid" 2>/dev/null
  rm -f "$f"
  return 0
}

cgroup_kill() {
  local u="/sys/fs/cgroup/unified/$CGROUP_NAME/$1"
  [[ -d "$u" ]] || return 0
  echo 1 >"$u/cgroup.kill" 2>/dev/null || true
  wait_for 10 cgroup_empty "$u" || say "lab: $1: processes left in $u"
}

cgroup_empty() { [[ -z "$(cat "$1/cgroup.procs")" ]] && ! find "$1" -mindepth 2 -name cgroup.procs -exec cat {} + | grep -q .; }

# Removes the host's cgroup trees, deepest first.
# A killed host's cgroup-v1 dirs can stay busy a moment after its processes are gone; rmdir failing then
# must not end the script (under set -e a failing find after && did, silently: `lab reboot` exited 1).
cgroup_remove() {
  local c
  for c in $(cgroup_dirs "$1"); do
    wait_for 5 cgroup_rmdir "$c" || say "lab: $1: cgroup $c not removed"
  done
  # The host's cgroup of each v1 controller, then their kubeha-lab parent once empty.
  for c in $(host_v1_cgroups "$1"); do
    wait_for 5 cgroup_rmdir "$c" || say "lab: $1: cgroup $c not removed"
    rmdir "${c%/*}" 2>/dev/null || true
  done
  return 0
}

cgroup_rmdir() {
  [[ -d "$1" ]] || return 0
  find "$1" -depth -type d -exec rmdir {} + 2>/dev/null
  [[ ! -d "$1" ]]
}

host_unmount() {
  local d; d="$(host_dir "$1")"
  if mountpoint -q "$d/root"; then
    umount "$d/root" 2>/dev/null || umount -l "$d/root"
  fi
}

# Deletes the host dir only once nothing is mounted on it (the merged view is the whole root).
host_remove() {
  local d; d="$(host_dir "$1")"
  [[ -d "$d" ]] || return 0
  if mountpoint -q "$d/root"; then say "lab: $1 still mounted; keeping $d"; return 1; fi
  rm -rf --one-file-system "${d:?}"
}
