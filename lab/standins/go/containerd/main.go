// Command containerd is the kubeha lab's stand-in for containerd 2.x: a CRI server on
// /run/containerd/containerd.sock that runs each container's command as a host process (the
// binary of the Kubernetes release its image names), one transient systemd unit per container,
// so containers outlive a restart of this daemon or of the kubelet, as with the real runtime.
package main

import (
	_ "embed"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"google.golang.org/grpc"
	runtimeapi "k8s.io/cri-api/pkg/apis/runtime/v1"

	"kubeha.invalid/kubernetes-build/standins/calllog"
)

// version is stamped at build time with the containerd release the lab's mirror serves.
var version = "2.0.0"

const (
	socketPath = "/run/containerd/containerd.sock"
	configPath = "/etc/containerd/config.toml"
)

//go:embed config-default.toml
var defaultConfig string

func main() {
	started := time.Now()
	args := os.Args[1:]
	switch {
	case len(args) == 1 && (args[0] == "--version" || args[0] == "-v" || args[0] == "version"):
		fmt.Printf("containerd github.com/containerd/containerd/v2 v%s kubeha-lab\n", version)
	case len(args) >= 2 && args[0] == "config" && args[1] == "default":
		fmt.Print(defaultConfig)
	case len(args) == 2 && args[0] == "shim":
		os.Exit(runShim(args[1]))
	default:
		if err := serve(args, started); err != nil {
			fmt.Fprintf(os.Stderr, "containerd: %v\n", err)
			calllog.Log("containerd", args, "1", started)
			os.Exit(1)
		}
	}
}

func serve(args []string, started time.Time) error {
	config := configPath
	for i, a := range args {
		if (a == "--config" || a == "-c") && i+1 < len(args) {
			config = args[i+1]
		}
	}
	settings, err := readSettings(config)
	if err != nil {
		return err
	}
	store, err := openStore(stateDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(socketPath), 0o711); err != nil {
		return err
	}
	_ = os.Remove(socketPath)
	listener, err := net.Listen("unix", socketPath)
	if err != nil {
		return err
	}
	server := grpc.NewServer()
	runtimeapi.RegisterRuntimeServiceServer(server, &runtimeService{store: store, settings: settings})
	runtimeapi.RegisterImageServiceServer(server, &imageService{store: store})
	calllog.Log("containerd", args, "started", started)
	notifyReady()
	fmt.Fprintln(os.Stderr, `level=info msg="containerd successfully booted (kubeha lab stand-in)"`)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-stop
		server.Stop()
	}()
	return server.Serve(listener)
}

// notifyReady tells systemd (Type=notify) that the socket is served.
func notifyReady() {
	addr := os.Getenv("NOTIFY_SOCKET")
	if addr == "" {
		return
	}
	if addr[0] == '@' {
		addr = "\x00" + addr[1:]
	}
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: addr, Net: "unixgram"})
	if err != nil {
		return
	}
	defer conn.Close()
	_, _ = conn.Write([]byte("READY=1"))
}
