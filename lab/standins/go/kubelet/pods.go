package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

const (
	mirrorAnnotation = "kubernetes.io/config.mirror"
	cniDir           = "/etc/cni/net.d"
	calicoConflist   = "10-calico.conflist"
)

// syncMirrorPods keeps one mirror Pod per static Pod in the API, with its runtime status, so
// kubeadm finds etcd's advertised URLs and sees a static Pod's hash change on upgrade.
func (a *nodeAgent) syncMirrorPods(ctx context.Context) {
	views := a.pods.snapshot()
	pods := a.client.CoreV1()
	// A node may read only the Pods bound to it, so mirror Pods are found in that list, as the
	// real kubelet finds them in its watch.
	list, err := pods.Pods(metav1.NamespaceAll).List(ctx, metav1.ListOptions{FieldSelector: "spec.nodeName=" + a.name})
	if err != nil {
		a.pods.report("mirror", "list pods: "+err.Error())
		return
	}
	mirrors := map[string]*v1.Pod{}
	for i := range list.Items {
		p := &list.Items[i]
		if _, isMirror := p.Annotations[mirrorAnnotation]; !isMirror {
			continue
		}
		key := p.Namespace + "/" + p.Name
		if view := views[key]; view == nil || p.Annotations[mirrorAnnotation] != view.hash || p.DeletionTimestamp != nil {
			_ = pods.Pods(p.Namespace).Delete(ctx, p.Name, metav1.DeleteOptions{GracePeriodSeconds: ptrTo(int64(0)),
				Preconditions: &metav1.Preconditions{UID: &p.UID}})
			continue // a changed one is recreated on the next round, once the old one is gone
		}
		mirrors[key] = p
	}
	for key, view := range views {
		mirror := mirrors[key]
		if mirror == nil {
			pod := view.pod.DeepCopy()
			pod.Annotations[mirrorAnnotation] = view.hash
			pod.OwnerReferences = a.nodeOwner()
			if mirror, err = pods.Pods(pod.Namespace).Create(ctx, pod, metav1.CreateOptions{}); err != nil {
				if !apierrors.IsAlreadyExists(err) {
					a.pods.report(key, "Failed creating a mirror pod: "+err.Error())
				}
				continue
			}
		}
		a.updatePodStatus(ctx, mirror, a.statusOf(view))
	}
}

func (a *nodeAgent) statusOf(view *podView) v1.PodStatus {
	ready := v1.ConditionFalse
	if view.ready {
		ready = v1.ConditionTrue
	}
	st := v1.PodStatus{Phase: v1.PodPending, HostIP: a.ip, HostIPs: []v1.HostIP{{IP: a.ip}}, PodIP: a.ip,
		PodIPs: []v1.PodIP{{IP: a.ip}}, ContainerStatuses: view.containers, QOSClass: v1.PodQOSBurstable}
	if !view.started.IsZero() {
		st.Phase = v1.PodRunning
		st.StartTime = &metav1.Time{Time: view.started}
	}
	for _, t := range []v1.PodConditionType{v1.PodReadyToStartContainers, v1.PodInitialized, v1.PodScheduled} {
		st.Conditions = append(st.Conditions, v1.PodCondition{Type: t, Status: v1.ConditionTrue})
	}
	st.Conditions = append(st.Conditions, v1.PodCondition{Type: v1.ContainersReady, Status: ready},
		v1.PodCondition{Type: v1.PodReady, Status: ready})
	return st
}

// updatePodStatus writes status when it differs from what the API holds (times aside).
func (a *nodeAgent) updatePodStatus(ctx context.Context, pod *v1.Pod, status v1.PodStatus) {
	if sameStatus(pod.Status, status) {
		return
	}
	for i := range status.Conditions {
		status.Conditions[i].LastTransitionTime = metav1.Now()
	}
	pod.Status = status
	if _, err := a.client.CoreV1().Pods(pod.Namespace).UpdateStatus(ctx, pod, metav1.UpdateOptions{}); err != nil &&
		!apierrors.IsConflict(err) && !apierrors.IsNotFound(err) {
		a.pods.report(pod.Namespace+"/"+pod.Name, "Failed to update status: "+err.Error())
	}
}

func sameStatus(have, want v1.PodStatus) bool {
	summary := func(s v1.PodStatus) string {
		var b strings.Builder
		b.WriteString(string(s.Phase) + s.PodIP)
		for _, c := range s.Conditions {
			b.WriteString(string(c.Type) + string(c.Status))
		}
		for _, c := range s.ContainerStatuses {
			b.WriteString(c.Name + c.ContainerID)
			if c.Ready {
				b.WriteString("+")
			}
			if c.State.Running != nil {
				b.WriteString("R")
			}
		}
		return b.String()
	}
	return summary(have) == summary(want)
}

// syncBoundPods finishes the deletion of Pods bound to this node (the kubelet's part of every
// graceful delete, drain included) and runs what the lab can of the CNI's DaemonSet Pod.
func (a *nodeAgent) syncBoundPods(ctx context.Context) {
	list, err := a.client.CoreV1().Pods(metav1.NamespaceAll).List(ctx,
		metav1.ListOptions{FieldSelector: "spec.nodeName=" + a.name})
	if err != nil {
		return
	}
	for i := range list.Items {
		p := &list.Items[i]
		if _, isMirror := p.Annotations[mirrorAnnotation]; isMirror {
			continue
		}
		if p.DeletionTimestamp != nil {
			_ = a.client.CoreV1().Pods(p.Namespace).Delete(ctx, p.Name, metav1.DeleteOptions{
				GracePeriodSeconds: ptrTo(int64(0)), Preconditions: &metav1.Preconditions{UID: &p.UID}})
			continue
		}
		if p.Labels["k8s-app"] == "calico-node" {
			a.runCalicoNode(ctx, p)
		}
	}
}

// runCalicoNode does what calico-node's install-cni init container does on the host: writes the
// CNI network config from the calico-config ConfigMap. Then the runtime reports NetworkReady.
func (a *nodeAgent) runCalicoNode(ctx context.Context, p *v1.Pod) {
	path := filepath.Join(cniDir, calicoConflist)
	if _, err := os.Stat(path); err != nil {
		cm, err := a.client.CoreV1().ConfigMaps(p.Namespace).Get(ctx, "calico-config", metav1.GetOptions{})
		if err != nil {
			a.pods.report(p.Name, "install-cni: "+err.Error())
			return
		}
		mtu := cm.Data["veth_mtu"]
		if mtu == "" || mtu == "0" {
			mtu = "1440"
		}
		conf := strings.NewReplacer("__KUBERNETES_NODE_NAME__", a.name, "__CNI_MTU__", mtu,
			"__KUBECONFIG_FILEPATH__", filepath.Join(cniDir, "calico-kubeconfig")).Replace(cm.Data["cni_network_config"])
		if !json.Valid([]byte(conf)) {
			a.pods.report(p.Name, "install-cni: cni_network_config is not valid JSON")
			return
		}
		if err := os.MkdirAll(cniDir, 0o755); err != nil {
			return
		}
		if err := os.WriteFile(path+".tmp", []byte(conf), 0o644); err != nil || os.Rename(path+".tmp", path) != nil {
			return
		}
	}
	now := metav1.Now()
	var containers []v1.ContainerStatus
	for _, c := range p.Spec.Containers {
		containers = append(containers, v1.ContainerStatus{Name: c.Name, Image: c.Image, ImageID: c.Image, Ready: true,
			Started: ptrTo(true), State: v1.ContainerState{Running: &v1.ContainerStateRunning{StartedAt: now}}})
	}
	view := &podView{containers: containers, ready: true, started: now.Time}
	a.updatePodStatus(ctx, p, a.statusOf(view))
}
