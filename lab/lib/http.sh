# The artifact mirror and apt repository, served from the root namespace on the bridge address only.

http_start() {
  setsid "$SYS_PY" -m http.server --bind "$BRIDGE_ADDR" --directory "$LAB/www" "$HTTP_PORT" \
    </dev/null >"$LAB/http.log" 2>&1 &
  echo $! >"$LAB/http.pid"
  wait_for 10 curl -fsS -o /dev/null "http://$BRIDGE_ADDR:$HTTP_PORT/" || die "http server did not start (see $LAB/http.log)"
}

http_stop() {
  local f="$LAB/http.pid" pid
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if [[ -n "$pid" && -d /proc/$pid ]] && grep -qa http.server "/proc/$pid/cmdline"; then
    kill -TERM "$pid"
    wait_for 5 test ! -d "/proc/$pid" || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}
