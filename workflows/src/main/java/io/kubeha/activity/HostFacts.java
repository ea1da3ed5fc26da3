package io.kubeha.activity;

import java.util.List;

/**
 * What preflight saw on a host. os is "ubuntu-24.04" style (ID-VERSION_ID of /etc/os-release);
 * clockMillis is the host's clock when read, for skew; portsInUse lists those of the asked ports
 * that something already listens on; joined is true when /etc/kubernetes/kubelet.conf exists
 * (kubeadm init or join already ran there).
 */
public record HostFacts(
    String host,
    String os,
    String arch,
    String hostname,
    List<String> macAddresses,
    String productUuid,
    int cpus,
    long memoryMiB,
    long clockMillis,
    List<Integer> portsInUse,
    boolean sudoWorks,
    boolean joined) {}
