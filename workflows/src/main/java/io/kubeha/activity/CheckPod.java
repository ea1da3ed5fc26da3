package io.kubeha.activity;

/** One Pod of the check's workload: its name, its IP and the node it runs on. */
public record CheckPod(String name, String ip, String node) {}
