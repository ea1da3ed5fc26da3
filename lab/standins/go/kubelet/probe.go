package main

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	v1 "k8s.io/api/core/v1"
)

var probeClient = &http.Client{Transport: &http.Transport{
	TLSClientConfig:   &tls.Config{InsecureSkipVerify: true}, // as the kubelet's HTTPS probes
	DisableKeepAlives: true,
}}

// probeReady runs the container's HTTP readiness probe once; without one, a running container is ready.
func probeReady(c v1.Container, defaultHost string) bool {
	p := c.ReadinessProbe
	if p == nil || p.HTTPGet == nil {
		return true
	}
	g := p.HTTPGet
	port := g.Port.IntValue()
	if port == 0 {
		for _, cp := range c.Ports {
			if cp.Name == g.Port.String() {
				port = int(cp.ContainerPort)
			}
		}
	}
	host := g.Host
	if host == "" {
		host = defaultHost
	}
	scheme := "http"
	if g.Scheme == v1.URISchemeHTTPS {
		scheme = "https"
	}
	timeout := time.Duration(max(p.TimeoutSeconds, 1)) * time.Second
	probeClient.Timeout = timeout
	resp, err := probeClient.Get(fmt.Sprintf("%s://%s%s", scheme, net.JoinHostPort(host, strconv.Itoa(port)), g.Path))
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode >= 200 && resp.StatusCode < 400
}
