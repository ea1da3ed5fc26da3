package io.kubeha.inventory;

import java.util.List;
import java.util.Map;

/**
 * Builds an inventory in code, every part the loader would default filled with its default; each
 * setter replaces one part of the spec. Test code only.
 */
public final class TestInventoryBuilder {
  private final String apiVersion;
  private final String kind;
  private final Metadata metadata;
  private SshSpec ssh =
      new SshSpec(
          SshSpec.DEFAULT_USER,
          SshSpec.DEFAULT_PORT,
          SshSpec.DEFAULT_KEY_PATH,
          SshSpec.DEFAULT_KNOWN_HOSTS);
  private List<HostSpec> hosts = List.of();
  private ControlPlaneEndpointSpec endpoint;
  private NtpSpec ntp;
  private KubernetesSpec kubernetes = kubernetes(KubernetesSpec.DEFAULT_POD_SUBNET);
  private ContainerRuntimeSpec runtime =
      new ContainerRuntimeSpec(
          ContainerRuntimeSpec.DEFAULT_CONTAINERD,
          ContainerRuntimeSpec.DEFAULT_RUNC,
          ContainerRuntimeSpec.DEFAULT_CNI_PLUGINS,
          ContainerRuntimeSpec.DEFAULT_PAUSE_IMAGE);
  private ArtifactsSpec artifacts =
      new ArtifactsSpec(ArtifactsSpec.UPSTREAM_RELEASES, ArtifactsSpec.UPSTREAM_APT, Map.of());
  private OptionsSpec options = options(false, false, OptionsSpec.DEFAULT_WORKER_CONCURRENCY);

  private TestInventoryBuilder(String apiVersion, String kind, Metadata metadata) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.metadata = metadata;
  }

  /** A cluster called name (metadata.name), with no hosts yet. */
  public static TestInventoryBuilder named(String name) {
    return new TestInventoryBuilder(Inventory.API_VERSION, Inventory.KIND, new Metadata(name));
  }

  /** inv as it is, to replace some parts of its spec. */
  public static TestInventoryBuilder from(Inventory inv) {
    ClusterSpec s = inv.spec();
    return new TestInventoryBuilder(inv.apiVersion(), inv.kind(), inv.metadata())
        .ssh(s.ssh())
        .hosts(s.hosts())
        .endpoint(s.controlPlaneEndpoint())
        .ntp(s.ntp())
        .kubernetes(s.kubernetes())
        .runtime(s.containerRuntime())
        .artifacts(s.artifacts())
        .options(s.options());
  }

  /** A host without its own ssh settings. */
  public static HostSpec host(String name, String address, NetworkSpec net, String... roles) {
    return new HostSpec(name, address, List.of(roles), null, net);
  }

  /** The default options, but for these. */
  public static OptionsSpec options(boolean aptUpgrade, boolean netplan, int workerConcurrency) {
    return new OptionsSpec(
        aptUpgrade, netplan, workerConcurrency, OptionsSpec.DEFAULT_ALLOWED_OS, false);
  }

  /** The default Kubernetes settings, but for the pod subnet. */
  public static KubernetesSpec kubernetes(String podSubnet) {
    return new KubernetesSpec(
        KubernetesSpec.DEFAULT_VERSION,
        podSubnet,
        KubernetesSpec.DEFAULT_SERVICE_SUBNET,
        KubernetesSpec.DEFAULT_DNS_DOMAIN,
        KubernetesSpec.DEFAULT_IMAGE_REPOSITORY,
        KubernetesSpec.DEFAULT_CNI,
        KubernetesSpec.DEFAULT_CALICO_VERSION,
        List.of(),
        null);
  }

  public TestInventoryBuilder ssh(SshSpec ssh) {
    this.ssh = ssh;
    return this;
  }

  public TestInventoryBuilder hosts(List<HostSpec> hosts) {
    this.hosts = hosts;
    return this;
  }

  public TestInventoryBuilder endpoint(ControlPlaneEndpointSpec endpoint) {
    this.endpoint = endpoint;
    return this;
  }

  public TestInventoryBuilder ntp(NtpSpec ntp) {
    this.ntp = ntp;
    return this;
  }

  public TestInventoryBuilder kubernetes(KubernetesSpec kubernetes) {
    this.kubernetes = kubernetes;
    return this;
  }

  public TestInventoryBuilder runtime(ContainerRuntimeSpec runtime) {
    this.runtime = runtime;
    return this;
  }

  public TestInventoryBuilder artifacts(ArtifactsSpec artifacts) {
    this.artifacts = artifacts;
    return this;
  }

  public TestInventoryBuilder options(OptionsSpec options) {
    this.options = options;
    return this;
  }

  public Inventory build() {
    return new Inventory(
        apiVersion,
        kind,
        metadata,
        new ClusterSpec(ssh, hosts, endpoint, ntp, kubernetes, runtime, artifacts, options));
  }
}
