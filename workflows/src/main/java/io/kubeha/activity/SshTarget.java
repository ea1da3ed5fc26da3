package io.kubeha.activity;

/**
 * Where and how to reach one host over SSH. Paths are on the worker's machine; no secret is in
 * here.
 */
public record SshTarget(
    String host, String address, int port, String user, String keyPath, String knownHosts) {}
