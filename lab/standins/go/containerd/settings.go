package main

import (
	"errors"
	"fmt"
	"os"
	"regexp"
)

// settings are the two values of config.toml that the kubelet and kubeadm ask the runtime about.
type settings struct {
	sandboxImage  string
	systemdCgroup bool
}

var (
	sandboxLine = regexp.MustCompile(`(?m)^\s*sandbox(?:_image)?\s*=\s*['"]([^'"]+)['"]`)
	systemdLine = regexp.MustCompile(`(?m)^\s*SystemdCgroup\s*=\s*true\s*$`)
	versionLine = regexp.MustCompile(`(?m)^\s*version\s*=\s*(\d+)\s*$`)
)

// readSettings reads config.toml like containerd 2.x: version 2 and 3 are read; a missing file
// means the built-in defaults.
func readSettings(path string) (settings, error) {
	s := settings{sandboxImage: "registry.k8s.io/pause:3.10"}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	if m := versionLine.FindSubmatch(data); m != nil && string(m[1]) != "2" && string(m[1]) != "3" {
		return s, fmt.Errorf("failed to load TOML from %s: unsupported config version `%s`", path, m[1])
	}
	if m := sandboxLine.FindSubmatch(data); m != nil {
		s.sandboxImage = string(m[1])
	}
	s.systemdCgroup = systemdLine.Match(data)
	return s, nil
}
