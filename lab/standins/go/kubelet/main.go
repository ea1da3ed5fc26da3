// Command kubelet is the kubeha lab's stand-in for the kubelet (the real one cannot run in a lab
// host: see lab/README.md). It does on the kubelet's own paths what the real one does: runs the
// static Pods of its manifest directory through the CRI (the lab's containerd runs their real
// binaries), performs the TLS bootstrap with the real kubelet's bootstrap code, registers its
// Node, renews its Lease, keeps mirror Pods, reports Ready once a CNI config is present, and
// finishes the deletion of Pods bound to it.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"k8s.io/component-base/version"
	kubeletconfig "k8s.io/kubelet/config/v1beta1"
	"sigs.k8s.io/yaml"

	"kubeha.invalid/kubernetes-build/standins/calllog"
)

const (
	defaultStaticPodPath = "/etc/kubernetes/manifests"
	defaultCRI           = "unix:///var/run/containerd/containerd.sock"
	certDir              = "/var/lib/kubelet/pki"
)

type flags struct {
	config, kubeconfig, bootstrapKubeconfig, runtimeEndpoint, nodeIP, hostnameOverride string
	nodeLabels, registerWithTaints                                                    string
}

func main() {
	started := time.Now()
	args := os.Args[1:]
	f := parseFlags(args)
	if f == nil {
		fmt.Printf("Kubernetes %s\n", version.Get().GitVersion)
		return
	}
	if err := run(f, args, started); err != nil {
		fmt.Fprintf(os.Stderr, "E%s command failed err=%q\n", time.Now().Format("0102 15:04:05.000000"), err.Error())
		calllog.Log("kubelet", args, "1", started)
		os.Exit(1)
	}
}

// parseFlags reads the flags kubeadm's drop-in and kubeadm-flags.env pass; nil for --version.
// Flags the lab does not use are accepted and ignored, as the real kubelet accepts them.
func parseFlags(args []string) *flags {
	f := &flags{}
	targets := map[string]*string{"config": &f.config, "kubeconfig": &f.kubeconfig,
		"bootstrap-kubeconfig": &f.bootstrapKubeconfig, "container-runtime-endpoint": &f.runtimeEndpoint,
		"node-ip": &f.nodeIP, "hostname-override": &f.hostnameOverride, "node-labels": &f.nodeLabels,
		"register-with-taints": &f.registerWithTaints}
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if name == "version" {
			return nil
		}
		if target, ok := targets[name]; ok {
			if !hasValue && i+1 < len(args) {
				i++
				value = args[i]
			}
			*target = value
		}
	}
	return f
}

func run(f *flags, args []string, started time.Time) error {
	cfg, err := loadConfig(f.config)
	if err != nil {
		return err
	}
	endpoint := firstNonEmpty(f.runtimeEndpoint, cfg.ContainerRuntimeEndpoint, defaultCRI)
	cri, err := dialCRI(endpoint)
	if err != nil {
		return err
	}
	name, err := nodeName(f.hostnameOverride)
	if err != nil {
		return err
	}
	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer cancel()
	calllog.Log("kubelet", args, "started", started)
	go serveHealthz(cfg)
	pods := newStaticPods(firstNonEmpty(cfg.StaticPodPath, defaultStaticPodPath), name, cri)
	go pods.run(ctx)
	node := &nodeAgent{flags: f, name: name, cri: cri, pods: pods}
	go node.run(ctx)
	<-ctx.Done()
	return nil
}

func loadConfig(path string) (*kubeletconfig.KubeletConfiguration, error) {
	if path == "" {
		return &kubeletconfig.KubeletConfiguration{}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("failed to load kubelet config file, path: %s, error: failed to load Kubelet config file %s, "+
			"error failed to read kubelet config file %q, error: %v", path, path, path, err)
	}
	cfg := &kubeletconfig.KubeletConfiguration{}
	if err := yaml.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("failed to decode kubelet config file %s: %v", path, err)
	}
	return cfg, nil
}

func serveHealthz(cfg *kubeletconfig.KubeletConfiguration) {
	address, port := firstNonEmpty(cfg.HealthzBindAddress, "127.0.0.1"), int32(10248)
	if cfg.HealthzPort != nil {
		port = *cfg.HealthzPort
	}
	if port == 0 {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	err := http.ListenAndServe(fmt.Sprintf("%s:%d", address, port), mux)
	fmt.Fprintf(os.Stderr, "healthz server: %v\n", err)
	os.Exit(1)
}

func nodeName(override string) (string, error) {
	if override != "" {
		return strings.ToLower(override), nil
	}
	host, err := os.Hostname()
	return strings.ToLower(host), err
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
