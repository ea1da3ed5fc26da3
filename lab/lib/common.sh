# Shared paths, host table and small helpers for lab/bin/lab.

LAB_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAB="${KUBEHA_LAB_DIR:-${KUBEHA_HOME:-$HOME/.local/state/kubeha}/lab}"
BRIDGE=kubeha0
BRIDGE_ADDR=198.18.0.1
NET_PREFIX=198.18.0
FIRST_OCTET=11
MAX_HOSTS=230
VIP=198.18.0.250
HTTP_PORT="${KUBEHA_LAB_HTTP_PORT:-18080}"
CGROUP_NAME=kubeha-lab
INOTIFY_INSTANCES=8192
INOTIFY_SYSCTL=/proc/sys/fs/inotify/max_user_instances
SYS_PY=/usr/bin/python3
GO_BIN="$(command -v go 2>/dev/null || echo /usr/local/go/bin/go)"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { printf '%s\n' "$*" >&2; }
die() { say "lab: $*"; exit 1; }

# Waits until "$@" succeeds or SECONDS_LEFT run out; polls every 0.1 s.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# The host table: one line per host, "name address roles mac".
hosts_file() { echo "$LAB/hosts.tsv"; }
host_names() { [[ -f "$LAB/hosts.tsv" ]] && cut -d' ' -f1 "$LAB/hosts.tsv"; }
host_field() { awk -v h="$1" -v f="$2" '$1 == h { print $f }' "$LAB/hosts.tsv"; }
host_addr() { host_field "$1" 2; }
host_roles() { host_field "$1" 3; }
require_host() {
  [[ -f "$LAB/hosts.tsv" ]] || die "no lab is up (state: $LAB)"
  [[ -n "$(host_addr "$1")" ]] || die "unknown host '$1' (hosts: $(host_names | tr '\n' ' '))"
}
host_dir() { echo "$LAB/hosts/$1"; }

cgroup_dirs() { echo "/sys/fs/cgroup/systemd/$CGROUP_NAME/$1" "/sys/fs/cgroup/unified/$CGROUP_NAME/$1"; }

# The pid of systemd-nspawn for a host, if it runs.
nspawn_pid() {
  local f; f="$(host_dir "$1")/nspawn.pid"
  [[ -f "$f" ]] || return 1
  local pid; pid="$(cat "$f")"
  [[ -n "$pid" && -d /proc/$pid ]] && grep -qa "systemd-nspawn" "/proc/$pid/cmdline" && echo "$pid"
}

# The pid of the host's init (the nspawn child), if it runs.
init_pid() {
  local np; np="$(nspawn_pid "$1")" || return 1
  local child; child="$(cat "/proc/$np/task/$np/children" 2>/dev/null | awk '{print $1}')"
  [[ -n "$child" ]] && echo "$child"
}
