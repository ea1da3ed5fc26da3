# Faults for tests: link cut/heal, process kill, hard reboot, new host key.

lab_cut() { [[ $# == 1 ]] || die "usage: lab cut HOST"; require_host "$1"; link_cut "$1"; }
lab_heal() { [[ $# == 1 ]] || die "usage: lab heal HOST"; require_host "$1"; link_heal "$1"; }

lab_kill() {
  [[ $# == 2 ]] || die "usage: lab kill HOST PROCESS"
  require_host "$1"
  host_run "$1" pkill -KILL -x "$2" || die "$1: no process named $2"
}

# Every process of the host dies at once (like a power cut); then it boots on the same disk.
lab_reboot() {
  [[ $# == 1 ]] || die "usage: lab reboot HOST"
  require_host "$1"
  kill_wrapper "$(host_dir "$1")"
  cgroup_kill "$1"
  cgroup_remove "$1"
  rm -f "$(host_dir "$1")/nspawn.pid"
  host_boot "$1"
  wait_for 60 host_ssh_ready "$(host_addr "$1")" || die "$1: no SSH after reboot"
}

# A new SSH host key, live: the lab's known_hosts keeps the old one, so clients must notice.
lab_rekey() {
  [[ $# == 1 ]] || die "usage: lab rekey HOST"
  require_host "$1"
  host_new_key "$1"
  host_run "$1" systemctl restart ssh >/dev/null
  wait_for 10 host_ssh_ready "$(host_addr "$1")" || die "$1: no SSH after rekey"
  cat "$(host_dir "$1")/known_host"
}
