#!/bin/bash
# kubeha lab stand-in for a binary that only has to answer its version: @NAME@ @VERSION@.
out='@OUTPUT@'
started=$(date +%s%N)
rc=0
case "${1:-}" in
  --version|-v|version|-version) printf '%b\n' "$out" ;;
  *) if [[ "@NAME@" == containerd-shim* || "@NAME@" == ctr ]]; then printf '%b\n' "$out"; else
       echo "@NAME@: the lab stand-in only answers --version" >&2; rc=1; fi ;;
esac
printf '%s\t%s\t%s\t%d\t%d\n' "$(date -Iseconds)" "@NAME@" "$*" "$rc" $((($(date +%s%N) - started) / 1000000)) >>/var/log/kubeha-lab/calls.log 2>/dev/null || true
exit $rc
