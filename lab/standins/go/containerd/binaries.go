package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// releases holds the real Kubernetes and etcd binaries, one directory per release
// (bind-mounted read-only into every lab host from the build cache).
const releases = "/usr/lib/kubeha-lab/kubernetes"

// binaryFor finds the host program that stands for a container of image whose command is
// command: registry.k8s.io/kube-apiserver:v1.37.2 runs <releases>/v1.37.2/bin/kube-apiserver,
// registry.k8s.io/etcd:3.7.0-0 the etcd of the release that pins etcd 3.7.0.
func binaryFor(image string, command []string) (string, error) {
	ref := image[strings.LastIndex(image, "/")+1:]
	name, tag, _ := strings.Cut(ref, ":")
	dir := ""
	switch name {
	case "etcd":
		etcdVersion, _, _ := strings.Cut(tag, "-")
		dirs, _ := filepath.Glob(filepath.Join(releases, "v*"))
		for _, d := range dirs {
			if data, err := os.ReadFile(filepath.Join(d, "etcd-version")); err == nil &&
				strings.TrimSpace(string(data)) == etcdVersion {
				dir = filepath.Join(d, "bin")
			}
		}
	default:
		dir = filepath.Join(releases, tag, "bin")
	}
	program := name
	if len(command) > 0 {
		program = filepath.Base(command[0])
	}
	path := filepath.Join(dir, program)
	if dir == "" || !executable(path) {
		return "", fmt.Errorf("the kubeha lab has no binary for image %q (command %q): it runs only the "+
			"Kubernetes releases built into %s", image, program, releases)
	}
	return path, nil
}

func executable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0
}
