package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	runtimeapi "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// criClient is the kubelet's view of the container runtime.
type criClient struct {
	runtime runtimeapi.RuntimeServiceClient
	images  runtimeapi.ImageServiceClient
}

func dialCRI(endpoint string) (*criClient, error) {
	if !strings.HasPrefix(endpoint, "unix://") {
		endpoint = "unix://" + endpoint
	}
	conn, err := grpc.NewClient(endpoint, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, fmt.Errorf("validate service connection: %v", err)
	}
	c := &criClient{runtime: runtimeapi.NewRuntimeServiceClient(conn), images: runtimeapi.NewImageServiceClient(conn)}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.runtime.Version(ctx, &runtimeapi.VersionRequest{}); err != nil {
		return nil, fmt.Errorf("validate service connection: validate CRI v1 runtime API for endpoint %q: %v", endpoint, err)
	}
	return c, nil
}

func callCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 30*time.Second)
}

// networkReady is the runtime's NetworkReady condition, and its message when false.
func (c *criClient) networkReady() (bool, string) {
	ctx, cancel := callCtx()
	defer cancel()
	st, err := c.runtime.Status(ctx, &runtimeapi.StatusRequest{})
	if err != nil {
		return false, "container runtime is down: " + err.Error()
	}
	for _, cond := range st.GetStatus().GetConditions() {
		if cond.Type == runtimeapi.NetworkReady && !cond.Status {
			return false, fmt.Sprintf("container runtime network not ready: NetworkReady=false reason:%s message:%s",
				cond.Reason, cond.Message)
		}
	}
	return true, ""
}

func (c *criClient) runtimeVersion() string {
	ctx, cancel := callCtx()
	defer cancel()
	v, err := c.runtime.Version(ctx, &runtimeapi.VersionRequest{})
	if err != nil {
		return "containerd://unknown"
	}
	return v.RuntimeName + "://" + strings.TrimPrefix(v.RuntimeVersion, "v")
}
