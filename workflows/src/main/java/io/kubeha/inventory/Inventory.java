package io.kubeha.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A cluster inventory: the one YAML file an operator writes (apiVersion kubeha/v1alpha1, kind
 * Cluster).
 */
public record Inventory(String apiVersion, String kind, Metadata metadata, ClusterSpec spec) {

  public static final String API_VERSION = "kubeha/v1alpha1";
  public static final String KIND = "Cluster";

  public String clusterName() {
    return metadata.name();
  }

  public List<HostSpec> hosts() {
    return spec.hosts();
  }

  public List<HostSpec> hostsWith(Role role) {
    return spec.hosts().stream().filter(h -> h.has(role)).toList();
  }

  public List<HostSpec> controlPlanes() {
    return hostsWith(Role.CONTROL_PLANE);
  }

  public List<HostSpec> workers() {
    return hostsWith(Role.WORKER);
  }

  public List<HostSpec> loadBalancers() {
    return hostsWith(Role.LOAD_BALANCER);
  }

  /** Hosts that run kubelet: control planes and workers. */
  public List<HostSpec> nodes() {
    return spec.hosts().stream().filter(HostSpec::isNode).toList();
  }

  public HostSpec firstControlPlane() {
    return controlPlanes().get(0);
  }

  /**
   * The NTP server: the host with role ntp-server, else the first load balancer, else the first
   * control plane.
   */
  public HostSpec ntpServer() {
    return hostsWith(Role.NTP_SERVER).stream()
        .findFirst()
        .or(() -> loadBalancers().stream().findFirst())
        .orElseGet(this::firstControlPlane);
  }

  public boolean hasLoadBalancers() {
    return !loadBalancers().isEmpty();
  }

  /**
   * Whether a control plane can leave the LBs' upstreams while its API server restarts: there are
   * LBs, and another control plane to serve.
   */
  public boolean canDrainControlPlanes() {
    return hasLoadBalancers() && controlPlanes().size() > 1;
  }

  /** host:port every node uses to reach the API: the VIP with LBs, else the first master's 6443. */
  public String controlPlaneEndpoint() {
    return hasLoadBalancers()
        ? spec.controlPlaneEndpoint().vip() + ":" + spec.controlPlaneEndpoint().port()
        : firstControlPlane().address() + ":" + KubernetesSpec.API_SERVER_PORT;
  }

  public Optional<HostSpec> host(String name) {
    return spec.hosts().stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /**
   * The same cluster without the named hosts (what stays after a removal; the upstreams while one
   * restarts).
   */
  public Inventory without(java.util.Collection<String> names) {
    List<HostSpec> hosts = spec.hosts().stream().filter(h -> !names.contains(h.name())).toList();
    return new Inventory(
        apiVersion,
        kind,
        metadata,
        new ClusterSpec(
            spec.ssh(),
            hosts,
            spec.controlPlaneEndpoint(),
            spec.ntp(),
            spec.kubernetes(),
            spec.containerRuntime(),
            spec.artifacts(),
            spec.options()));
  }

  /** The SSH settings for a host: its own overrides over the cluster's. */
  public SshSpec sshFor(HostSpec host) {
    return host.ssh() == null ? spec.ssh() : spec.ssh().overriddenBy(host.ssh());
  }
}
