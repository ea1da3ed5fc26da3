# lab up / down / status / exec / log.

PARALLEL=8

lab_up() {
  local masters=3 workers=3 lbs=2 scale=0
  while (($#)); do
    case "$1" in
      --masters) masters=$2; shift 2 ;;
      --workers) workers=$2; shift 2 ;;
      --lbs) lbs=$2; shift 2 ;;
      --time-scale) scale=$2; shift 2 ;;
      *) die "up: unknown option $1" ;;
    esac
  done
  [[ "$masters$workers$lbs" =~ ^[0-9]+$ ]] || die "up: counts must be numbers"
  [[ "$scale" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "up: --time-scale must be a number like 0.5"
  ((masters + workers + lbs <= MAX_HOSTS)) || die "up: at most $MAX_HOSTS hosts"
  local start=$SECONDS
  lab_down 2> >(grep -v '^lab: down in ' >&2)
  mkdir -p "$LAB/hosts" "$LAB/ssh"
  LAB_GENERATION=$((($(cat "$LAB/generation" 2>/dev/null || echo 0) + 1) % 1000))
  echo "$LAB_GENERATION" >"$LAB/generation"
  echo "$scale" >"$LAB/time-scale"
  # build-node's versions, kept for later commands (add-host, reboot); stops here unless all is built.
  realnode_versions >"$LAB/real-nodes"
  host_table "$masters" "$workers" "$lbs" >"$LAB/hosts.tsv"
  ssh-keygen -q -t ed25519 -N '' -C kubeha-lab -f "$LAB/ssh/id_ed25519"
  inotify_raise
  bridge_up
  artifacts_build
  http_start
  registry_start
  template_build
  local host i=0 pids=()
  while read -r host addr roles mac; do
    i=$((i + 1))
    netns_up "$host" "$addr" "$mac" "$i"
    (host_mount "$host" && host_prepare "$host" "$addr" && host_boot "$host") &
    pids+=($!)
    if ((${#pids[@]} >= PARALLEL)); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
  done <"$LAB/hosts.tsv"
  local p; for p in "${pids[@]}"; do wait "$p"; done
  cat "$LAB"/hosts/*/known_host >"$LAB/ssh/known_hosts"
  inventory_write >"$LAB/inventory.yaml"
  lab_wait_ssh $((60 + 2 * (masters + workers + lbs)))
  say "lab: $((masters + workers + lbs)) hosts up in $((SECONDS - start)) s ($(cat "$LAB/real-nodes"))"
  echo "$LAB/inventory.yaml"
}

# One line per host: name, address, roles, MAC. Masters, then workers, then LBs, from .11 up.
host_table() {
  local n=$FIRST_OCTET i names=() roles=()
  for ((i = 1; i <= $1; i++)); do names+=("kube-master-$i"); roles+=(control-plane); done
  for ((i = 1; i <= $2; i++)); do names+=("kube-worker-$i"); roles+=(worker); done
  local letters=(a b c d e f g h)
  for ((i = 0; i < $3; i++)); do
    names+=("ha-lb-${letters[$i]}")
    ((i == 0)) && roles+=(load-balancer,ntp-server) || roles+=(load-balancer)
  done
  (($3 > 0 || $1 == 0)) || roles[0]=control-plane,ntp-server
  for i in "${!names[@]}"; do
    printf '%s %s.%d %s 02:4b:48:00:%02x:%02x\n' "${names[$i]}" "$NET_PREFIX" "$n" "${roles[$i]}" $((n / 256)) $((n % 256))
    n=$((n + 1))
  done
}

lab_wait_ssh() {
  local deadline=$1 host addr missing
  for host in $(host_names); do
    addr="$(host_addr "$host")"
    wait_for "$deadline" host_ssh_ready "$addr" || missing+=" $host"
  done
  [[ -z "${missing:-}" ]] || die "up: no SSH on:$missing (see $LAB/hosts/HOST/console.log)"
}

lab_down() {
  local start=$SECONDS host pids=()
  if [[ -d "$LAB/hosts" ]]; then
    : >"$LAB/down.log"
    for host in $(ls "$LAB/hosts"); do
      (set +e; host_teardown "$host") >>"$LAB/down.log" 2>&1 &
      pids+=($!)
    done
  fi
  local p; for p in "${pids[@]}"; do wait "$p" || true; done
  # A second, serial pass for any host the parallel pass could not finish; what it cannot is named
  # below (its status must not end the script unexplained: `lab up` runs this first).
  [[ -d "$LAB/hosts" ]] && for host in $(ls "$LAB/hosts"); do
    (set +e; host_teardown "$host") >>"$LAB/down.log" 2>&1 || say "lab: $host: teardown exited $? (see $LAB/down.log)"
  done
  http_stop
  registry_stop
  template_remove
  bridge_down
  wait_for 10 cgroups_gone || say "lab: cgroups left under /sys/fs/cgroup/*/$CGROUP_NAME"
  rm -rf /run/systemd/nspawn
  inotify_restore
  if [[ -d "$LAB" ]]; then
    findmnt -rn -o TARGET | grep -q "^$LAB/" && die "down: mounts left under $LAB"
    rm -rf --one-file-system "${LAB:?}/hosts" "$LAB/ssh" "$LAB/www" "$LAB/cluster" "$LAB/build" "$LAB/gnupg" \
      "$LAB/hosts.tsv" "$LAB/inventory.yaml" "$LAB/real-nodes" "$LAB/registry.yml"
  fi
  ((${#pids[@]} == 0)) || say "lab: down in $((SECONDS - start)) s"
}

# Removes what is left of the lab's cgroup trees (a host's last processes may exit late).
cgroups_gone() {
  local c
  for c in "/sys/fs/cgroup/systemd/$CGROUP_NAME" "/sys/fs/cgroup/unified/$CGROUP_NAME"; do
    [[ -d "$c" ]] && find "$c" -depth -type d -exec rmdir {} + 2>/dev/null
  done
  [[ ! -d "/sys/fs/cgroup/systemd/$CGROUP_NAME" && ! -d "/sys/fs/cgroup/unified/$CGROUP_NAME" ]]
}

host_teardown() {
  host_stop "$1"
  host_unmount "$1"
  netns_down "$1"
  host_remove "$1"
}

lab_status() {
  [[ -f "$LAB/hosts.tsv" ]] || { echo "no lab is up"; return 0; }
  printf '%-16s %-14s %-26s %-8s %s\n' HOST ADDRESS ROLES STATE RUNNING
  local host addr roles mac state running
  while read -r host addr roles mac; do
    state=stopped running=""
    if init_pid "$host" >/dev/null; then
      state=running
      running="$(host_run "$host" systemctl is-active ssh chrony nginx keepalived containerd kubelet 2>/dev/null |
        paste -d' ' <(printf '%s\n' ssh chrony nginx keepalived containerd kubelet) - | awk '$2 == "active" {printf "%s ", $1}')" || true
      running+="pods:$(host_run "$host" crictl pods -q --state ready 2>/dev/null | wc -l) " || true
      ip -n "$host" link show eth0 | grep -q 'state DOWN' && state=cut
    fi
    printf '%-16s %-14s %-26s %-8s %s\n' "$host" "$addr" "$roles" "$state" "$running"
  done <"$LAB/hosts.tsv"
}

# Runs a command inside a host's namespaces and cgroup, with CAP_SYS_TIME/CAP_SYS_MODULE dropped.
host_run() {
  local host=$1; shift
  local pid c; pid="$(init_pid "$host")" || die "$host is not running"
  (
    echo "$BASHPID" >"/sys/fs/cgroup/systemd/$CGROUP_NAME/$host/cgroup.procs" 2>/dev/null || true
    echo "$BASHPID" >"/sys/fs/cgroup/unified/$CGROUP_NAME/$host/cgroup.procs" 2>/dev/null || true
    # Also the host's own cgroup of each v1 controller (lab/lib/boot-host).
    for c in $(host_v1_cgroups "$host"); do echo "$BASHPID" >"$c/cgroup.procs" 2>/dev/null || true; done
    exec nsenter -t "$pid" -m -u -i -n -p -C -r -w \
      setpriv --bounding-set -sys_time,-sys_module \
      env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
      TERM="${TERM:-dumb}" "$@"
  )
}

lab_exec() {
  local host="${1:-}"; shift || true
  [[ "${1:-}" == "--" ]] && shift
  [[ -n "$host" && $# -gt 0 ]] || die "usage: lab exec HOST -- CMD..."
  require_host "$host"
  host_run "$host" "$@"
}

lab_log() {
  [[ $# == 1 ]] || die "usage: lab log HOST"
  require_host "$1"
  local f; f="$(host_dir "$1")/root/var/log/kubeha-lab/calls.log"
  [[ -f "$f" ]] && cat "$f" || true
}

# Adds one host to the running lab, as an operator adds a machine: booted, reachable by SSH,
# in known_hosts and in the lab's inventory (the cluster itself is not touched).
lab_add_host() {
  local name="" role=""
  while (($#)); do
    case "$1" in
      --role) role=${2:-}; shift 2 || die "add-host: --role needs a value" ;;
      -*) die "add-host: unknown option $1" ;;
      *) [[ -z "$name" ]] || die "add-host: one NAME at a time"; name=$1; shift ;;
    esac
  done
  [[ -f "$LAB/hosts.tsv" ]] || die "add-host: no lab is up (run: lab up)"
  [[ "$name" =~ ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$ ]] ||
    die "add-host: NAME must be a DNS label (lower-case letters, digits, '-'), was '${name}'"
  [[ -z "$(host_addr "$name")" ]] || die "add-host: $name is already a lab host"
  case "$role" in
    control-plane|worker|load-balancer) ;;
    *) die "add-host: --role must be control-plane, worker or load-balancer, was '${role}'" ;;
  esac
  local count; count="$(wc -l <"$LAB/hosts.tsv")"
  ((count < MAX_HOSTS)) || die "add-host: at most $MAX_HOSTS hosts"
  local last; last="$(awk '{split($2, a, "."); if (a[4] > m) m = a[4]} END {print m}' "$LAB/hosts.tsv")"
  local n=$((last + 1)) start=$SECONDS
  local addr="$NET_PREFIX.$n" mac; mac="$(printf '02:4b:48:00:%02x:%02x' $((n / 256)) $((n % 256)))"
  LAB_GENERATION="$(cat "$LAB/generation" 2>/dev/null || echo 0)"
  echo "$name $addr $role $mac" >>"$LAB/hosts.tsv"
  netns_up "$name" "$addr" "$mac" "$((count + 1))"
  host_mount "$name" && host_prepare "$name" "$addr" && host_boot "$name"
  cat "$LAB"/hosts/*/known_host >"$LAB/ssh/known_hosts"
  inventory_write >"$LAB/inventory.yaml"
  wait_for 60 host_ssh_ready "$addr" || die "add-host: no SSH on $name (see $(host_dir "$name")/console.log)"
  say "lab: $name ($addr, $role) up in $((SECONDS - start)) s; added to $LAB/inventory.yaml"
  echo "$LAB/inventory.yaml"
}
