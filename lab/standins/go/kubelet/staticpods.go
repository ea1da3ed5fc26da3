package main

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	runtimeapi "k8s.io/cri-api/pkg/apis/runtime/v1"
	"sigs.k8s.io/yaml"
)

const (
	syncPeriod     = time.Second
	maxBackoff     = 10 * time.Second // the real kubelet backs off to 5 min; the lab keeps restarts quick
	staticLabel    = "io.kubernetes.kubeha-lab.static-pod"
	hashAnnotation = "kubernetes.io/config.hash"
)

// staticPod is one manifest of the static Pod directory, as the kubelet sees it.
type staticPod struct {
	pod  *v1.Pod
	hash string
}

// podView is what the runtime says of one static Pod, for its mirror Pod's status.
type podView struct {
	pod        *v1.Pod
	hash       string
	started    time.Time
	containers []v1.ContainerStatus
	ready      bool
}

// staticPods keeps the runtime's sandboxes and containers equal to the manifests: new manifests
// start, changed ones are replaced, removed ones stop, exited containers restart with a backoff.
type staticPods struct {
	dir, node string
	cri       *criClient
	mu        sync.Mutex
	views     map[string]*podView
	nextStart map[string]time.Time
	reported  map[string]string
}

func newStaticPods(dir, node string, cri *criClient) *staticPods {
	return &staticPods{dir: dir, node: node, cri: cri, views: map[string]*podView{},
		nextStart: map[string]time.Time{}, reported: map[string]string{}}
}

func (s *staticPods) run(ctx context.Context) {
	for {
		s.sync()
		select {
		case <-ctx.Done():
			return
		case <-time.After(syncPeriod):
		}
	}
}

// snapshot is the current view of every static Pod, keyed namespace/name.
func (s *staticPods) snapshot() map[string]*podView {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]*podView, len(s.views))
	for k, v := range s.views {
		out[k] = v
	}
	return out
}

func (s *staticPods) sync() {
	desired := s.readManifests()
	ctx, cancel := callCtx()
	defer cancel()
	list, err := s.cri.runtime.ListPodSandbox(ctx, &runtimeapi.ListPodSandboxRequest{
		Filter: &runtimeapi.PodSandboxFilter{LabelSelector: map[string]string{staticLabel: "true"}}})
	if err != nil {
		s.report("cri", "list sandboxes: "+err.Error())
		return
	}
	current := map[string]string{}
	for _, sb := range list.Items {
		key := sb.Metadata.Namespace + "/" + sb.Metadata.Name
		d := desired[key]
		if d == nil || d.hash != sb.Metadata.Uid || sb.State != runtimeapi.PodSandboxState_SANDBOX_READY || current[key] != "" {
			s.removeSandbox(sb.Id)
			continue
		}
		current[key] = sb.Id
	}
	views := map[string]*podView{}
	for key, d := range desired {
		id := current[key]
		if id == "" {
			if id, err = s.runSandbox(d); err != nil {
				s.report(key, "run sandbox: "+err.Error())
				continue
			}
		}
		views[key] = s.syncContainers(d, id)
	}
	s.mu.Lock()
	s.views = views
	s.mu.Unlock()
}

// readManifests decodes each file of the static Pod directory; a bad file is reported and skipped.
func (s *staticPods) readManifests() map[string]*staticPod {
	out := map[string]*staticPod{}
	entries, _ := os.ReadDir(s.dir)
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(s.dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		pod := &v1.Pod{}
		if err := yaml.UnmarshalStrict(data, pod); err != nil || pod.Name == "" || len(pod.Spec.Containers) == 0 {
			s.report(path, fmt.Sprintf("could not read a static Pod from %s: %v", path, err))
			continue
		}
		sum := md5.Sum(append(data, s.node...))
		hash := hex.EncodeToString(sum[:])
		pod.Name = pod.Name + "-" + s.node
		if pod.Namespace == "" {
			pod.Namespace = metav1.NamespaceDefault
		}
		pod.UID = "" // the API server gives the mirror Pod its own UID
		if pod.Annotations == nil {
			pod.Annotations = map[string]string{}
		}
		pod.Annotations[hashAnnotation] = hash
		pod.Annotations["kubernetes.io/config.source"] = "file"
		pod.Spec.NodeName = s.node
		out[pod.Namespace+"/"+pod.Name] = &staticPod{pod: pod, hash: hash}
	}
	return out
}

func (s *staticPods) podLabels(d *staticPod) map[string]string {
	labels := map[string]string{staticLabel: "true", "io.kubernetes.pod.name": d.pod.Name,
		"io.kubernetes.pod.namespace": d.pod.Namespace, "io.kubernetes.pod.uid": d.hash}
	for k, v := range d.pod.Labels {
		labels[k] = v
	}
	return labels
}

func (s *staticPods) runSandbox(d *staticPod) (string, error) {
	ctx, cancel := callCtx()
	defer cancel()
	resp, err := s.cri.runtime.RunPodSandbox(ctx, &runtimeapi.RunPodSandboxRequest{Config: s.sandboxConfig(d)})
	if err != nil {
		return "", err
	}
	return resp.PodSandboxId, nil
}

func (s *staticPods) sandboxConfig(d *staticPod) *runtimeapi.PodSandboxConfig {
	return &runtimeapi.PodSandboxConfig{
		Metadata:     &runtimeapi.PodSandboxMetadata{Name: d.pod.Name, Namespace: d.pod.Namespace, Uid: d.hash},
		Hostname:     s.node,
		LogDirectory: filepath.Join("/var/log/pods", d.pod.Namespace+"_"+d.pod.Name+"_"+d.hash),
		Labels:       s.podLabels(d),
		Annotations:  d.pod.Annotations,
		Linux: &runtimeapi.LinuxPodSandboxConfig{SecurityContext: &runtimeapi.LinuxSandboxSecurityContext{
			NamespaceOptions: &runtimeapi.NamespaceOption{Network: runtimeapi.NamespaceMode_NODE}}},
	}
}

func (s *staticPods) removeSandbox(id string) {
	ctx, cancel := callCtx()
	defer cancel()
	if _, err := s.cri.runtime.StopPodSandbox(ctx, &runtimeapi.StopPodSandboxRequest{PodSandboxId: id}); err == nil {
		_, _ = s.cri.runtime.RemovePodSandbox(ctx, &runtimeapi.RemovePodSandboxRequest{PodSandboxId: id})
	}
}

// syncContainers starts each container of the Pod that is missing or exited (after its backoff)
// and returns the Pod's view.
func (s *staticPods) syncContainers(d *staticPod, sandboxID string) *podView {
	ctx, cancel := callCtx()
	defer cancel()
	view := &podView{pod: d.pod, hash: d.hash, ready: true}
	list, err := s.cri.runtime.ListContainers(ctx, &runtimeapi.ListContainersRequest{
		Filter: &runtimeapi.ContainerFilter{PodSandboxId: sandboxID}})
	if err != nil {
		view.ready = false
		return view
	}
	for _, spec := range d.pod.Spec.Containers {
		var latest *runtimeapi.Container
		for _, c := range list.Containers {
			if c.Metadata.Name == spec.Name && (latest == nil || c.Metadata.Attempt > latest.Metadata.Attempt) {
				latest = c
			}
		}
		status := s.containerStatus(ctx, latest)
		if latest == nil || latest.State == runtimeapi.ContainerState_CONTAINER_EXITED ||
			latest.State == runtimeapi.ContainerState_CONTAINER_CREATED {
			s.restart(d, spec, sandboxID, latest)
		}
		cs := v1.ContainerStatus{Name: spec.Name, Image: spec.Image, ImageID: spec.Image}
		if status != nil {
			cs.ContainerID = "containerd://" + status.Id
			cs.RestartCount = int32(status.Metadata.Attempt)
			cs.ImageID = status.ImageRef
			switch status.State {
			case runtimeapi.ContainerState_CONTAINER_RUNNING:
				startedAt := time.Unix(0, status.StartedAt)
				cs.State.Running = &v1.ContainerStateRunning{StartedAt: metav1.NewTime(startedAt)}
				cs.Started = ptrTo(true)
				cs.Ready = probeReady(spec, "127.0.0.1")
				if view.started.IsZero() || startedAt.Before(view.started) {
					view.started = startedAt
				}
			default:
				cs.State.Waiting = &v1.ContainerStateWaiting{Reason: "CrashLoopBackOff",
					Message: fmt.Sprintf("back-off restarting failed container %s (exit code %d)", spec.Name, status.ExitCode)}
				cs.Started = ptrTo(false)
			}
		} else {
			cs.State.Waiting = &v1.ContainerStateWaiting{Reason: "ContainerCreating"}
		}
		view.ready = view.ready && cs.Ready
		view.containers = append(view.containers, cs)
	}
	sort.Slice(view.containers, func(i, j int) bool { return view.containers[i].Name < view.containers[j].Name })
	return view
}

func (s *staticPods) containerStatus(ctx context.Context, c *runtimeapi.Container) *runtimeapi.ContainerStatus {
	if c == nil {
		return nil
	}
	resp, err := s.cri.runtime.ContainerStatus(ctx, &runtimeapi.ContainerStatusRequest{ContainerId: c.Id})
	if err != nil {
		return nil
	}
	return resp.Status
}

// restart replaces an exited container by the next attempt, once its backoff has passed.
func (s *staticPods) restart(d *staticPod, spec v1.Container, sandboxID string, old *runtimeapi.Container) {
	key := d.hash + "/" + spec.Name
	attempt := uint32(0)
	if old != nil {
		attempt = old.Metadata.Attempt + 1
		if time.Now().Before(s.nextStart[key]) {
			return
		}
	}
	s.nextStart[key] = time.Now().Add(min(time.Second<<min(attempt, 10), maxBackoff))
	ctx, cancel := callCtx()
	defer cancel()
	if old != nil {
		_, _ = s.cri.runtime.RemoveContainer(ctx, &runtimeapi.RemoveContainerRequest{ContainerId: old.Id})
	}
	if err := s.pull(ctx, spec.Image); err != nil {
		s.report(key, "pull "+spec.Image+": "+err.Error())
		return
	}
	var envs []*runtimeapi.KeyValue
	for _, e := range spec.Env {
		if e.ValueFrom == nil {
			envs = append(envs, &runtimeapi.KeyValue{Key: e.Name, Value: []byte(e.Value)})
		}
	}
	created, err := s.cri.runtime.CreateContainer(ctx, &runtimeapi.CreateContainerRequest{
		PodSandboxId: sandboxID, SandboxConfig: s.sandboxConfig(d),
		Config: &runtimeapi.ContainerConfig{
			Metadata: &runtimeapi.ContainerMetadata{Name: spec.Name, Attempt: attempt},
			Image:    &runtimeapi.ImageSpec{Image: spec.Image}, Command: spec.Command, Args: spec.Args,
			WorkingDir: spec.WorkingDir, Envs: envs, LogPath: fmt.Sprintf("%s/%d.log", spec.Name, attempt),
			Labels: map[string]string{"io.kubernetes.container.name": spec.Name, "io.kubernetes.pod.name": d.pod.Name,
				"io.kubernetes.pod.namespace": d.pod.Namespace, "io.kubernetes.pod.uid": d.hash},
		}})
	if err != nil {
		s.report(key, "create container: "+err.Error())
		return
	}
	if _, err := s.cri.runtime.StartContainer(ctx, &runtimeapi.StartContainerRequest{ContainerId: created.ContainerId}); err != nil {
		s.report(key, "start container: "+err.Error())
	}
}

func (s *staticPods) pull(ctx context.Context, image string) error {
	st, err := s.cri.images.ImageStatus(ctx, &runtimeapi.ImageStatusRequest{Image: &runtimeapi.ImageSpec{Image: image}})
	if err == nil && st.Image != nil {
		return nil
	}
	_, err = s.cri.images.PullImage(ctx, &runtimeapi.PullImageRequest{Image: &runtimeapi.ImageSpec{Image: image}})
	return err
}

// report writes an error to the kubelet's log once per distinct message and subject.
func (s *staticPods) report(subject, message string) {
	if s.reported[subject] == message {
		return
	}
	s.reported[subject] = message
	fmt.Fprintf(os.Stderr, "E%s %s: %s\n", time.Now().Format("0102 15:04:05.000000"), subject, message)
}

func ptrTo[T any](v T) *T { return &v }
