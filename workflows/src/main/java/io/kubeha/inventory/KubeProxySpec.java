package io.kubeha.inventory;

/**
 * spec.kubernetes.kubeProxy: what kubeha sets in kube-proxy's KubeProxyConfiguration (kubeadm
 * init's config). conntrackMaxPerCore: conntrack.maxPerCore; 0 leaves the kernel's conntrack limit
 * as it is, which a node in a container needs (the limit is the machine's, writable only from its
 * own network namespace); null keeps kube-proxy's default.
 */
public record KubeProxySpec(Integer conntrackMaxPerCore) {}
