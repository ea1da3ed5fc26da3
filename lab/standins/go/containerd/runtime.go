package main

import (
	"context"
	"encoding/json"

	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	runtimeapi "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// startGrace: a started container whose shim has not yet written its pid still counts as running.
const startGrace = 3 * time.Second

type runtimeService struct {
	runtimeapi.UnimplementedRuntimeServiceServer
	store    *store
	settings settings
}

func (r *runtimeService) Version(context.Context, *runtimeapi.VersionRequest) (*runtimeapi.VersionResponse, error) {
	return &runtimeapi.VersionResponse{Version: "0.1.0", RuntimeName: "containerd", RuntimeVersion: "v" + version,
		RuntimeApiVersion: "v1"}, nil
}

func (r *runtimeService) Status(_ context.Context, req *runtimeapi.StatusRequest) (*runtimeapi.StatusResponse, error) {
	network := &runtimeapi.RuntimeCondition{Type: runtimeapi.NetworkReady, Status: cniConfigured()}
	if !network.Status {
		network.Reason = "NetworkPluginNotReady"
		network.Message = "Network plugin returns error: cni plugin not initialized"
	}
	resp := &runtimeapi.StatusResponse{Status: &runtimeapi.RuntimeStatus{Conditions: []*runtimeapi.RuntimeCondition{
		{Type: runtimeapi.RuntimeReady, Status: true}, network}}}
	if req.Verbose {
		config, _ := json.Marshal(map[string]any{"sandboxImage": r.settings.sandboxImage,
			"containerd": map[string]any{"defaultRuntimeName": "runc"}})
		resp.Info = map[string]string{"config": string(config)}
	}
	return resp, nil
}

// cniConfigured is containerd's NetworkReady: a network config in /etc/cni/net.d.
func cniConfigured() bool {
	for _, pattern := range []string{"*.conf", "*.conflist", "*.json"} {
		if m, _ := filepath.Glob(filepath.Join("/etc/cni/net.d", pattern)); len(m) > 0 {
			return true
		}
	}
	return false
}

func (r *runtimeService) RuntimeConfig(context.Context, *runtimeapi.RuntimeConfigRequest) (*runtimeapi.RuntimeConfigResponse, error) {
	driver := runtimeapi.CgroupDriver_CGROUPFS
	if r.settings.systemdCgroup {
		driver = runtimeapi.CgroupDriver_SYSTEMD
	}
	return &runtimeapi.RuntimeConfigResponse{Linux: &runtimeapi.LinuxRuntimeConfiguration{CgroupDriver: driver}}, nil
}

func (r *runtimeService) UpdateRuntimeConfig(context.Context, *runtimeapi.UpdateRuntimeConfigRequest) (*runtimeapi.UpdateRuntimeConfigResponse, error) {
	return &runtimeapi.UpdateRuntimeConfigResponse{}, nil
}

func (r *runtimeService) RunPodSandbox(_ context.Context, req *runtimeapi.RunPodSandboxRequest) (*runtimeapi.RunPodSandboxResponse, error) {
	r.store.mu.Lock()
	defer r.store.mu.Unlock()
	cfg := req.GetConfig()
	if cfg.GetMetadata() == nil {
		return nil, status.Error(codes.InvalidArgument, "sandbox config must include metadata")
	}
	m := cfg.Metadata
	for _, sb := range r.store.sandboxes() {
		if sb.Name == m.Name && sb.Namespace == m.Namespace && sb.UID == m.Uid && sb.Attempt == m.Attempt {
			return nil, status.Errorf(codes.AlreadyExists, "failed to reserve sandbox name %q: name is reserved for %q",
				m.Name+"_"+m.Namespace+"_"+m.Uid, sb.ID)
		}
	}
	sb := &sandbox{ID: newID(), Name: m.Name, Namespace: m.Namespace, UID: m.Uid, Attempt: m.Attempt,
		Labels: cfg.Labels, Annotations: cfg.Annotations, LogDir: cfg.LogDirectory, Ready: true, CreatedAt: now()}
	if sb.LogDir != "" {
		_ = os.MkdirAll(sb.LogDir, 0o755)
	}
	if err := r.store.putSandbox(sb); err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &runtimeapi.RunPodSandboxResponse{PodSandboxId: sb.ID}, nil
}

func (r *runtimeService) StopPodSandbox(_ context.Context, req *runtimeapi.StopPodSandboxRequest) (*runtimeapi.StopPodSandboxResponse, error) {
	sb, err := r.store.sandbox(req.PodSandboxId)
	if err != nil {
		return &runtimeapi.StopPodSandboxResponse{}, nil // already gone: stopping is idempotent
	}
	for _, c := range r.store.containers() {
		if c.SandboxID == sb.ID {
			r.stop(c, 10*time.Second)
		}
	}
	r.store.mu.Lock()
	defer r.store.mu.Unlock()
	sb.Ready = false
	return &runtimeapi.StopPodSandboxResponse{}, r.store.putSandbox(sb)
}

func (r *runtimeService) RemovePodSandbox(ctx context.Context, req *runtimeapi.RemovePodSandboxRequest) (*runtimeapi.RemovePodSandboxResponse, error) {
	sb, err := r.store.sandbox(req.PodSandboxId)
	if err != nil {
		return &runtimeapi.RemovePodSandboxResponse{}, nil
	}
	for _, c := range r.store.containers() {
		if c.SandboxID == sb.ID {
			r.stop(c, 0)
			r.store.removeContainer(c.ID)
		}
	}
	r.store.removeSandbox(sb.ID)
	return &runtimeapi.RemovePodSandboxResponse{}, nil
}

func (r *runtimeService) PodSandboxStatus(_ context.Context, req *runtimeapi.PodSandboxStatusRequest) (*runtimeapi.PodSandboxStatusResponse, error) {
	sb, err := r.store.sandbox(req.PodSandboxId)
	if err != nil {
		return nil, status.Errorf(codes.NotFound, "an error occurred when try to find sandbox %q: not found", req.PodSandboxId)
	}
	return &runtimeapi.PodSandboxStatusResponse{Status: &runtimeapi.PodSandboxStatus{
		Id: sb.ID, Metadata: sb.metadata(), State: sb.state(), CreatedAt: sb.CreatedAt,
		Network: &runtimeapi.PodSandboxNetworkStatus{},
		Linux: &runtimeapi.LinuxPodSandboxStatus{Namespaces: &runtimeapi.Namespace{Options: &runtimeapi.NamespaceOption{
			Network: runtimeapi.NamespaceMode_NODE, Pid: runtimeapi.NamespaceMode_POD, Ipc: runtimeapi.NamespaceMode_POD}}},
		Labels: sb.Labels, Annotations: sb.Annotations}}, nil
}

func (sb *sandbox) metadata() *runtimeapi.PodSandboxMetadata {
	return &runtimeapi.PodSandboxMetadata{Name: sb.Name, Namespace: sb.Namespace, Uid: sb.UID, Attempt: sb.Attempt}
}

func (sb *sandbox) state() runtimeapi.PodSandboxState {
	if sb.Ready {
		return runtimeapi.PodSandboxState_SANDBOX_READY
	}
	return runtimeapi.PodSandboxState_SANDBOX_NOTREADY
}

func (r *runtimeService) ListPodSandbox(_ context.Context, req *runtimeapi.ListPodSandboxRequest) (*runtimeapi.ListPodSandboxResponse, error) {
	f := req.GetFilter()
	var items []*runtimeapi.PodSandbox
	for _, sb := range r.store.sandboxes() {
		if f != nil && (f.Id != "" && !strings.HasPrefix(sb.ID, f.Id) ||
			f.State != nil && f.State.State != sb.state() || !matches(sb.Labels, f.LabelSelector)) {
			continue
		}
		items = append(items, &runtimeapi.PodSandbox{Id: sb.ID, Metadata: sb.metadata(), State: sb.state(),
			CreatedAt: sb.CreatedAt, Labels: sb.Labels, Annotations: sb.Annotations})
	}
	return &runtimeapi.ListPodSandboxResponse{Items: items}, nil
}

func matches(labels, selector map[string]string) bool {
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func (r *runtimeService) CreateContainer(_ context.Context, req *runtimeapi.CreateContainerRequest) (*runtimeapi.CreateContainerResponse, error) {
	cfg := req.GetConfig()
	if cfg.GetMetadata() == nil || cfg.GetImage() == nil {
		return nil, status.Error(codes.InvalidArgument, "container config must include metadata and image")
	}
	sb, err := r.store.sandbox(req.PodSandboxId)
	if err != nil {
		return nil, status.Errorf(codes.NotFound, "failed to get sandbox %q: not found", req.PodSandboxId)
	}
	binary, err := binaryFor(cfg.Image.Image, cfg.Command)
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, err.Error())
	}
	args := append(append([]string{}, cfg.Command[min(1, len(cfg.Command)):]...), cfg.Args...)
	env := []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
	for _, kv := range cfg.Envs {
		env = append(env, kv.Key+"="+string(kv.Value))
	}
	c := &container{ID: newID(), SandboxID: sb.ID, Name: cfg.Metadata.Name, Attempt: cfg.Metadata.Attempt,
		Image: cfg.Image.Image, Binary: binary, Args: args, Env: env, WorkingDir: cfg.WorkingDir,
		Labels: cfg.Labels, Annotations: cfg.Annotations, CreatedAt: now()}
	if sb.LogDir != "" && cfg.LogPath != "" {
		c.LogPath = filepath.Join(sb.LogDir, cfg.LogPath)
	}
	if err := r.store.putContainer(c); err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &runtimeapi.CreateContainerResponse{ContainerId: c.ID}, nil
}

func unitName(id string) string { return "kubeha-lab-ctr-" + id[:12] + ".service" }

func (r *runtimeService) StartContainer(_ context.Context, req *runtimeapi.StartContainerRequest) (*runtimeapi.StartContainerResponse, error) {
	c, err := r.store.container(req.ContainerId)
	if err != nil {
		return nil, status.Errorf(codes.NotFound, "container %q not found", req.ContainerId)
	}
	if c.StartedAt != 0 {
		return nil, status.Errorf(codes.FailedPrecondition, "container %q is already started", c.ID)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	c.StartedAt = now()
	if err := r.store.putContainer(c); err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	out, err := exec.Command("systemd-run", "--quiet", "--collect", "--unit="+unitName(c.ID),
		"--description=kubeha lab container "+c.Name+" ("+c.Image+")", "--property=KillMode=mixed",
		"--", self, "shim", c.ID).CombinedOutput()
	if err != nil {
		return nil, status.Errorf(codes.Unknown, "failed to start container %q: %v: %s", c.ID, err, out)
	}
	return &runtimeapi.StartContainerResponse{}, nil
}

// stop sends SIGTERM to the container's process, then SIGKILL after timeout, and waits for its exit.
func (r *runtimeService) stop(c *container, timeout time.Duration) {
	if c.StartedAt == 0 || r.store.exit(c.ID) != nil {
		return
	}
	if pid := r.store.pid(c.ID); pid > 0 {
		_ = syscall.Kill(pid, syscall.SIGTERM)
	}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) && r.running(c) {
		time.Sleep(100 * time.Millisecond)
	}
	if r.running(c) {
		_ = exec.Command("systemctl", "kill", "--signal=SIGKILL", unitName(c.ID)).Run()
	}
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end) && r.running(c); {
		time.Sleep(100 * time.Millisecond)
	}
	if r.store.exit(c.ID) == nil {
		_ = writeJSON(r.store.path("containers", c.ID, ".exit"), &exit{Code: 137, FinishedAt: now()})
	}
}

func (r *runtimeService) running(c *container) bool {
	return r.state(c) == runtimeapi.ContainerState_CONTAINER_RUNNING
}

func (r *runtimeService) state(c *container) runtimeapi.ContainerState {
	switch {
	case c.StartedAt == 0:
		return runtimeapi.ContainerState_CONTAINER_CREATED
	case r.store.exit(c.ID) != nil:
		return runtimeapi.ContainerState_CONTAINER_EXITED
	case r.store.pid(c.ID) > 0 || time.Since(time.Unix(0, c.StartedAt)) < startGrace && unitActive(c.ID):
		return runtimeapi.ContainerState_CONTAINER_RUNNING
	default:
		return runtimeapi.ContainerState_CONTAINER_EXITED
	}
}

func unitActive(id string) bool {
	return exec.Command("systemctl", "is-active", "--quiet", unitName(id)).Run() == nil
}

func (r *runtimeService) StopContainer(_ context.Context, req *runtimeapi.StopContainerRequest) (*runtimeapi.StopContainerResponse, error) {
	c, err := r.store.container(req.ContainerId)
	if err != nil {
		return nil, status.Errorf(codes.NotFound, "container %q not found", req.ContainerId)
	}
	r.stop(c, time.Duration(req.Timeout)*time.Second)
	return &runtimeapi.StopContainerResponse{}, nil
}

func (r *runtimeService) RemoveContainer(_ context.Context, req *runtimeapi.RemoveContainerRequest) (*runtimeapi.RemoveContainerResponse, error) {
	c, err := r.store.container(req.ContainerId)
	if err != nil {
		return &runtimeapi.RemoveContainerResponse{}, nil
	}
	r.stop(c, 0)
	r.store.removeContainer(c.ID)
	return &runtimeapi.RemoveContainerResponse{}, nil
}

func (r *runtimeService) ListContainers(_ context.Context, req *runtimeapi.ListContainersRequest) (*runtimeapi.ListContainersResponse, error) {
	f := req.GetFilter()
	var out []*runtimeapi.Container
	for _, c := range r.store.containers() {
		st := r.state(c)
		if f != nil && (f.Id != "" && !strings.HasPrefix(c.ID, f.Id) || f.PodSandboxId != "" && !strings.HasPrefix(c.SandboxID, f.PodSandboxId) ||
			f.State != nil && f.State.State != st || !matches(c.Labels, f.LabelSelector)) {
			continue
		}
		out = append(out, &runtimeapi.Container{Id: c.ID, PodSandboxId: c.SandboxID, Metadata: c.metadata(),
			Image: &runtimeapi.ImageSpec{Image: c.Image}, ImageRef: imageRef(c.Image), State: st, CreatedAt: c.CreatedAt,
			Labels: c.Labels, Annotations: c.Annotations})
	}
	return &runtimeapi.ListContainersResponse{Containers: out}, nil
}

func (c *container) metadata() *runtimeapi.ContainerMetadata {
	return &runtimeapi.ContainerMetadata{Name: c.Name, Attempt: c.Attempt}
}

func (r *runtimeService) ContainerStatus(_ context.Context, req *runtimeapi.ContainerStatusRequest) (*runtimeapi.ContainerStatusResponse, error) {
	c, err := r.store.container(req.ContainerId)
	if err != nil {
		return nil, status.Errorf(codes.NotFound, "an error occurred when try to find container %q: not found", req.ContainerId)
	}
	s := &runtimeapi.ContainerStatus{Id: c.ID, Metadata: c.metadata(), State: r.state(c), CreatedAt: c.CreatedAt,
		StartedAt: c.StartedAt, Image: &runtimeapi.ImageSpec{Image: c.Image}, ImageRef: imageRef(c.Image),
		Labels: c.Labels, Annotations: c.Annotations, LogPath: c.LogPath}
	if e := r.store.exit(c.ID); e != nil {
		s.ExitCode, s.FinishedAt = e.Code, e.FinishedAt
		s.Reason = "Completed"
		if e.Code != 0 {
			s.Reason = "Error"
		}
	} else if s.State == runtimeapi.ContainerState_CONTAINER_EXITED {
		s.ExitCode, s.Reason, s.FinishedAt = 255, "Unknown", now()
	}
	return &runtimeapi.ContainerStatusResponse{Status: s}, nil
}

func (r *runtimeService) ReopenContainerLog(context.Context, *runtimeapi.ReopenContainerLogRequest) (*runtimeapi.ReopenContainerLogResponse, error) {
	return &runtimeapi.ReopenContainerLogResponse{}, nil
}

func (r *runtimeService) ListContainerStats(context.Context, *runtimeapi.ListContainerStatsRequest) (*runtimeapi.ListContainerStatsResponse, error) {
	return &runtimeapi.ListContainerStatsResponse{}, nil
}

func (r *runtimeService) ListPodSandboxStats(context.Context, *runtimeapi.ListPodSandboxStatsRequest) (*runtimeapi.ListPodSandboxStatsResponse, error) {
	return &runtimeapi.ListPodSandboxStatsResponse{}, nil
}

func (r *runtimeService) ExecSync(context.Context, *runtimeapi.ExecSyncRequest) (*runtimeapi.ExecSyncResponse, error) {
	return nil, status.Error(codes.Unimplemented, "the kubeha lab's containerd does not exec into containers")
}

