// runc-guard: a lab-only wrapper for containerd's runc (the runtime's BinaryName). Before `runc create`
// or `runc run` it adds the non-namespaced parts of /proc/sys to the bundle's readonlyPaths, so that a
// privileged Pod, which gets a fresh writable procfs, cannot write the lab machine's kernel tunables;
// /proc/sys/net stays writable (it belongs to the Pod's network namespace). Then it execs the real
// runc with the same arguments. It stops accidents, not a Pod with CAP_SYS_ADMIN that remounts on
// purpose. The real runc's path is set at build time (-X main.realRunc=...).
package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

var realRunc = "/usr/local/sbin/runc"

var guarded = []string{"/proc/sys/kernel", "/proc/sys/vm", "/proc/sys/fs", "/proc/sys/dev", "/proc/sys/user",
	"/proc/sys/debug", "/proc/sys/abi", "/proc/sysrq-trigger"}

func main() {
	args := os.Args[1:]
	sub, bundle := "", ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case sub == "" && (a == "create" || a == "run"):
			sub = a
		case sub != "" && (a == "--bundle" || a == "-b") && i+1 < len(args):
			bundle = args[i+1]
		case sub != "" && strings.HasPrefix(a, "--bundle="):
			bundle = strings.TrimPrefix(a, "--bundle=")
		}
	}
	if sub != "" {
		if bundle == "" {
			bundle, _ = os.Getwd()
		}
		if err := guard(filepath.Join(bundle, "config.json")); err != nil {
			os.Stderr.WriteString("runc-guard: " + err.Error() + "\n")
			os.Exit(1)
		}
	}
	if err := syscall.Exec(realRunc, append([]string{realRunc}, args...), os.Environ()); err != nil {
		os.Stderr.WriteString("runc-guard: exec " + realRunc + ": " + err.Error() + "\n")
		os.Exit(1)
	}
}

func guard(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var spec map[string]any
	if err := json.Unmarshal(b, &spec); err != nil {
		return err
	}
	linux, _ := spec["linux"].(map[string]any)
	if linux == nil {
		linux = map[string]any{}
		spec["linux"] = linux
	}
	ro, _ := linux["readonlyPaths"].([]any)
	have := map[string]bool{}
	for _, p := range ro {
		if s, ok := p.(string); ok {
			have[s] = true
		}
	}
	if have["/proc/sys"] { // the runtime's default for unprivileged containers already covers it
		return nil
	}
	for _, p := range guarded {
		if !have[p] {
			ro = append(ro, p)
		}
	}
	linux["readonlyPaths"] = ro
	out, err := json.Marshal(spec)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o600)
}
