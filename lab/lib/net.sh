# The lab bridge and each host's network namespace.

bridge_up() {
  ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add "$BRIDGE" type bridge
  ip addr replace "$BRIDGE_ADDR/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
}

bridge_down() {
  ip link show "$BRIDGE" >/dev/null 2>&1 && ip link del "$BRIDGE" || true
}

# A netns named after the host, with eth0 (fixed MAC) on the bridge, loopback up, no default route.
netns_up() {
  # The root-side name carries this lab's generation: a torn-down host's namespace (and its veth)
  # can outlive `lab down` by minutes while the kernel retries its orphaned TCP connections.
  local host=$1 addr=$2 mac=$3 veth="k${LAB_GENERATION:-$(cat "$LAB/generation" 2>/dev/null || echo 0)}h${4}"
  ip netns del "$host" 2>/dev/null || true
  ip netns add "$host"
  ip link add "$veth" type veth peer name eth0 netns "$host"
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$host" link set eth0 address "$mac"
  ip -n "$host" addr add "$addr/24" dev eth0
  ip -n "$host" link set lo up
  ip -n "$host" link set eth0 up
}

netns_down() {
  ip netns del "$1" 2>/dev/null || true
}

# A cut pulls the cable: the bridge side of the host's veth goes down, so the host sees its eth0 lose
# carrier and keeps its addresses and routes, as a real host does. (Setting eth0 itself down would
# be an operator's act, and the kernel would drop every route through it, the real-node hosts'
# on-link default route too, which nothing in the lab puts back.)
link_peer() {
  local index
  index="$(ip -n "$1" -o link show eth0 | sed -n 's/^[0-9]*: eth0@if\([0-9]*\):.*/\1/p')"
  [[ -n $index ]] || die "$1: cannot find the bridge side of its eth0"
  ip -o link show | awk -F': ' -v i="$index" '$1 == i {sub(/@.*/, "", $2); print $2}'
}
link_cut() { ip link set "$(link_peer "$1")" down; }
link_heal() { ip link set "$(link_peer "$1")" up; }

# fs.inotify.max_user_instances is shared by every uid-0 process on the kernel, also those of
# other containers (a CI job beside a developer's lab); each host uses about 8.
inotify_raise() {
  local now; now="$(cat "$INOTIFY_SYSCTL")"
  [[ -f "$LAB/inotify.saved" ]] || echo "$now" >"$LAB/inotify.saved"
  ((now >= INOTIFY_INSTANCES)) || echo "$INOTIFY_INSTANCES" >"$INOTIFY_SYSCTL"
}

# Writes the saved value back only while the value is still ours: another lab on this kernel
# may have raised or restored it since.
inotify_restore() {
  [[ -f "$LAB/inotify.saved" ]] || return 0
  if [[ "$(cat "$INOTIFY_SYSCTL")" == "$INOTIFY_INSTANCES" ]]; then
    cat "$LAB/inotify.saved" >"$INOTIFY_SYSCTL"
  fi
  rm -f "$LAB/inotify.saved"
}
