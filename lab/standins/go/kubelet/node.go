package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/component-base/version"
	"k8s.io/component-helpers/apimachinery/lease"
	"k8s.io/kubernetes/pkg/kubelet/certificate/bootstrap"
	"k8s.io/utils/clock"
)

const (
	statusPeriod  = 10 * time.Second
	podsPeriod    = 2 * time.Second
	leaseSeconds  = 40
	leaseRenew    = 10 * time.Second
	leaseNamespace = "kube-node-lease"
)

// nodeAgent is the kubelet's side that talks to the API server.
type nodeAgent struct {
	flags  *flags
	name   string
	cri    *criClient
	pods   *staticPods
	client kubernetes.Interface
	ip     string
	uid    types.UID
	ready  *bool
	since  metav1.Time
}

func (a *nodeAgent) run(ctx context.Context) {
	for a.client == nil {
		if err := a.connect(ctx); err != nil {
			a.pods.report("api", err.Error())
			select {
			case <-ctx.Done():
				return
			case <-time.After(2 * time.Second):
			}
		}
	}
	a.ip = nodeIP(a.flags.nodeIP, a.name)
	for !a.register(ctx) {
		select {
		case <-ctx.Done():
			return
		case <-time.After(2 * time.Second):
		}
	}
	go lease.NewController(clock.RealClock{}, a.client, a.name, leaseSeconds, nil, leaseRenew, a.name, leaseNamespace,
		a.ownLease).Run(ctx)
	nextStatus := time.Time{}
	for ctx.Err() == nil {
		if time.Now().After(nextStatus) {
			a.updateStatus(ctx)
			nextStatus = time.Now().Add(statusPeriod)
		}
		a.syncMirrorPods(ctx)
		a.syncBoundPods(ctx)
		select {
		case <-ctx.Done():
		case <-time.After(podsPeriod):
		}
	}
}

// connect loads (or bootstraps, through a CSR the controller-manager signs) the client certificate.
func (a *nodeAgent) connect(ctx context.Context) error {
	kubeconfig := firstNonEmpty(a.flags.kubeconfig, "/etc/kubernetes/kubelet.conf")
	if a.flags.bootstrapKubeconfig != "" {
		if err := bootstrap.LoadClientCert(ctx, kubeconfig, a.flags.bootstrapKubeconfig, certDir, types.NodeName(a.name)); err != nil {
			return fmt.Errorf("TLS bootstrap: %v", err)
		}
	}
	config, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return fmt.Errorf("no client config: %v", err)
	}
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return err
	}
	a.client = client
	return nil
}

func (a *nodeAgent) register(ctx context.Context) bool {
	node := &v1.Node{ObjectMeta: metav1.ObjectMeta{Name: a.name, Labels: map[string]string{
		"kubernetes.io/hostname": a.name, "kubernetes.io/os": "linux", "kubernetes.io/arch": runtime.GOARCH,
		"beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": runtime.GOARCH}}}
	for _, kv := range strings.Split(a.flags.nodeLabels, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			node.Labels[k] = v
		}
	}
	for _, t := range strings.Split(a.flags.registerWithTaints, ",") {
		if kv, effect, ok := strings.Cut(t, ":"); ok {
			k, v, _ := strings.Cut(kv, "=")
			node.Spec.Taints = append(node.Spec.Taints, v1.Taint{Key: k, Value: v, Effect: v1.TaintEffect(effect)})
		}
	}
	created, err := a.client.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		created, err = a.client.CoreV1().Nodes().Get(ctx, a.name, metav1.GetOptions{})
	}
	if err != nil {
		a.pods.report("register", "Unable to register node with API server: "+err.Error())
		return false
	}
	a.uid = created.UID
	fmt.Fprintf(os.Stderr, "I%s Successfully registered node %s\n", time.Now().Format("0102 15:04:05.000000"), a.name)
	return true
}

func (a *nodeAgent) ownLease(l *coordinationv1.Lease) error {
	if len(l.OwnerReferences) == 0 && a.uid != "" {
		l.OwnerReferences = []metav1.OwnerReference{{APIVersion: "v1", Kind: "Node", Name: a.name, UID: a.uid}}
	}
	return nil
}

func (a *nodeAgent) nodeOwner() []metav1.OwnerReference {
	return []metav1.OwnerReference{{APIVersion: "v1", Kind: "Node", Name: a.name, UID: a.uid, Controller: ptrTo(true)}}
}

// updateStatus posts the node's conditions, addresses, capacity and versions.
func (a *nodeAgent) updateStatus(ctx context.Context) {
	node, err := a.client.CoreV1().Nodes().Get(ctx, a.name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		a.register(ctx)
		return
	}
	if err != nil {
		a.pods.report("status", err.Error())
		return
	}
	a.uid = node.UID
	ready, message := a.cri.networkReady()
	now := metav1.Now()
	if a.ready == nil || *a.ready != ready {
		a.ready, a.since = ptrTo(ready), now
	}
	readyCondition := v1.NodeCondition{Type: v1.NodeReady, Status: v1.ConditionTrue, Reason: "KubeletReady",
		Message: "kubelet is posting ready status", LastHeartbeatTime: now, LastTransitionTime: a.since}
	if !ready {
		readyCondition.Status, readyCondition.Reason, readyCondition.Message = v1.ConditionFalse, "KubeletNotReady", message
	}
	node.Status.Conditions = []v1.NodeCondition{
		pressure(v1.NodeMemoryPressure, "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
		pressure(v1.NodeDiskPressure, "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
		pressure(v1.NodePIDPressure, "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
		readyCondition}
	node.Status.Addresses = []v1.NodeAddress{{Type: v1.NodeInternalIP, Address: a.ip}, {Type: v1.NodeHostName, Address: a.name}}
	capacity := v1.ResourceList{
		v1.ResourceCPU:              *resource.NewQuantity(int64(runtime.NumCPU()), resource.DecimalSI),
		v1.ResourceMemory:           *resource.NewQuantity(memoryBytes(), resource.BinarySI),
		v1.ResourcePods:             *resource.NewQuantity(110, resource.DecimalSI),
		v1.ResourceEphemeralStorage: *resource.NewQuantity(diskBytes("/var/lib/kubelet"), resource.BinarySI)}
	node.Status.Capacity, node.Status.Allocatable = capacity, capacity
	node.Status.DaemonEndpoints = v1.NodeDaemonEndpoints{KubeletEndpoint: v1.DaemonEndpoint{Port: 10250}}
	node.Status.NodeInfo = v1.NodeSystemInfo{
		MachineID: readTrimmed("/etc/machine-id"), SystemUUID: readTrimmed("/sys/class/dmi/id/product_uuid"),
		BootID: readTrimmed("/proc/sys/kernel/random/boot_id"), KernelVersion: kernelVersion(), OSImage: osImage(),
		ContainerRuntimeVersion: a.cri.runtimeVersion(), KubeletVersion: version.Get().GitVersion,
		OperatingSystem: "linux", Architecture: runtime.GOARCH}
	if _, err := a.client.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{}); err != nil && !apierrors.IsConflict(err) {
		a.pods.report("status", "Error updating node status: "+err.Error())
	}
}

func pressure(t v1.NodeConditionType, reason, message string, now metav1.Time) v1.NodeCondition {
	return v1.NodeCondition{Type: t, Status: v1.ConditionFalse, Reason: reason, Message: message,
		LastHeartbeatTime: now, LastTransitionTime: now}
}

// nodeIP is --node-ip, else what the host name resolves to (kubeha's /etc/hosts block), else eth0's address.
func nodeIP(flag, name string) string {
	if flag != "" {
		return flag
	}
	if ips, err := net.LookupIP(name); err == nil {
		for _, ip := range ips {
			if ip.To4() != nil && !ip.IsLoopback() {
				return ip.String()
			}
		}
	}
	if iface, err := net.InterfaceByName("eth0"); err == nil {
		addrs, _ := iface.Addrs()
		for _, addr := range addrs {
			if ipnet, ok := addr.(*net.IPNet); ok && ipnet.IP.To4() != nil {
				return ipnet.IP.String()
			}
		}
	}
	return "127.0.0.1"
}

func readTrimmed(path string) string {
	data, _ := os.ReadFile(path)
	return strings.TrimSpace(string(data))
}

func kernelVersion() string {
	var u syscall.Utsname
	if syscall.Uname(&u) != nil {
		return ""
	}
	b := make([]byte, 0, len(u.Release))
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	return string(b)
}

func osImage() string {
	f, err := os.Open("/etc/os-release")
	if err != nil {
		return "Linux"
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "PRETTY_NAME="); ok {
			return strings.Trim(v, `"`)
		}
	}
	return "Linux"
}

func memoryBytes() int64 {
	var info syscall.Sysinfo_t
	if syscall.Sysinfo(&info) != nil {
		return 0
	}
	return int64(info.Totalram) * int64(info.Unit)
}

func diskBytes(path string) int64 {
	var st syscall.Statfs_t
	if syscall.Statfs(path, &st) != nil {
		return 0
	}
	return int64(st.Blocks) * st.Bsize
}
