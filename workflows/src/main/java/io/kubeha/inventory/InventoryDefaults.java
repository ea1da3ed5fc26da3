package io.kubeha.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fills in every default SPEC.md gives, leaving what the file set untouched. Null-safe: it runs on
 * inventories that still have problems, so the validator sees the effective values.
 *
 * <p>The NTP server's default allow list: each host's network (its network.prefixLength, else /24),
 * once each, in host order. The NTP upstream default is two public pools; an explicit empty list is
 * kept (the server then serves its own clock).
 */
public final class InventoryDefaults {
  public static final List<String> DEFAULT_NTP_UPSTREAM =
      List.of("cn.ntp.org.cn", "ntp.aliyun.com");
  public static final int DEFAULT_PREFIX_LENGTH = 24;

  private InventoryDefaults() {}

  public static Inventory fill(Inventory inv) {
    if (inv == null) {
      return null;
    }
    ClusterSpec s =
        inv.spec() != null
            ? inv.spec()
            : new ClusterSpec(null, null, null, null, null, null, null, null);
    ClusterSpec spec =
        new ClusterSpec(
            ssh(s.ssh()),
            s.hosts(),
            endpoint(s.controlPlaneEndpoint()),
            ntp(s.ntp(), s.hosts()),
            kubernetes(s.kubernetes()),
            runtime(s.containerRuntime(), s.artifacts(), s.controlPlaneEndpoint()),
            artifacts(s.artifacts(), s.controlPlaneEndpoint()),
            options(s.options()));
    return new Inventory(inv.apiVersion(), inv.kind(), inv.metadata(), spec);
  }

  private static SshSpec ssh(SshSpec s) {
    SshSpec defaults =
        new SshSpec(
            SshSpec.DEFAULT_USER,
            SshSpec.DEFAULT_PORT,
            SshSpec.DEFAULT_KEY_PATH,
            SshSpec.DEFAULT_KNOWN_HOSTS);
    return s == null ? defaults : defaults.overriddenBy(s);
  }

  private static ControlPlaneEndpointSpec endpoint(ControlPlaneEndpointSpec e) {
    ControlPlaneEndpointSpec c =
        e != null ? e : new ControlPlaneEndpointSpec(null, null, null, null);
    return new ControlPlaneEndpointSpec(
        c.vip(),
        or(c.port(), ControlPlaneEndpointSpec.DEFAULT_PORT),
        or(c.networkInterface(), ControlPlaneEndpointSpec.DEFAULT_INTERFACE),
        or(c.virtualRouterId(), ControlPlaneEndpointSpec.DEFAULT_VIRTUAL_ROUTER_ID));
  }

  private static NtpSpec ntp(NtpSpec n, List<HostSpec> hosts) {
    NtpSpec c = n != null ? n : new NtpSpec(null, null);
    return new NtpSpec(or(c.upstream(), DEFAULT_NTP_UPSTREAM), or(c.allow(), hostNetworks(hosts)));
  }

  /** Each host's network, once, in host order; hosts with an unreadable address are skipped. */
  static List<String> hostNetworks(List<HostSpec> hosts) {
    List<String> networks = new ArrayList<>();
    for (HostSpec h : hosts == null ? List.<HostSpec>of() : hosts) {
      var address = h == null ? null : Ipv4.parse(h.address());
      if (address != null && address.isPresent()) {
        String network = Cidr.of(address.getAsLong(), prefixLength(h)).toString();
        if (!networks.contains(network)) {
          networks.add(network);
        }
      }
    }
    return List.copyOf(networks);
  }

  static int prefixLength(HostSpec h) {
    Integer given = h.network() == null ? null : h.network().prefixLength();
    return given != null && given >= 0 && given <= 32 ? given : DEFAULT_PREFIX_LENGTH;
  }

  private static KubernetesSpec kubernetes(KubernetesSpec k) {
    KubernetesSpec c =
        k != null ? k : new KubernetesSpec(null, null, null, null, null, null, null, null, null);
    String cni = or(c.cni(), KubernetesSpec.DEFAULT_CNI);
    String cniVersion = or(c.cniVersion(), KubernetesSpec.defaultCniVersion(cni));
    return new KubernetesSpec(
        or(c.version(), KubernetesSpec.DEFAULT_VERSION),
        or(c.podSubnet(), KubernetesSpec.DEFAULT_POD_SUBNET),
        or(c.serviceSubnet(), KubernetesSpec.DEFAULT_SERVICE_SUBNET),
        or(c.dnsDomain(), KubernetesSpec.DEFAULT_DNS_DOMAIN),
        or(c.imageRepository(), KubernetesSpec.DEFAULT_IMAGE_REPOSITORY),
        cni,
        cniVersion,
        or(c.ignorePreflightErrors(), List.of()),
        or(c.kubeProxy(), new KubeProxySpec(null)));
  }

  private static ContainerRuntimeSpec runtime(
      ContainerRuntimeSpec r, ArtifactsSpec a, ControlPlaneEndpointSpec e) {
    ContainerRuntimeSpec c = r != null ? r : new ContainerRuntimeSpec(null, null, null, null);
    return new ContainerRuntimeSpec(
        or(c.containerd(), ContainerRuntimeSpec.DEFAULT_CONTAINERD),
        or(c.runc(), ContainerRuntimeSpec.DEFAULT_RUNC),
        or(c.cniPlugins(), ContainerRuntimeSpec.DEFAULT_CNI_PLUGINS),
        or(c.pauseImage(), ContainerRuntimeSpec.DEFAULT_PAUSE_IMAGE),
        registryMirrors(c.registryMirrors(), bundleUrl(a, e)));
  }

  /** The URL a bundle is served at, or null without one (or without a VIP to serve it on). */
  private static String bundleUrl(ArtifactsSpec a, ControlPlaneEndpointSpec e) {
    return a == null || a.bundle() == null || e == null || e.vip() == null
        ? null
        : ArtifactsSpec.bundleUrl(e.vip());
  }

  /**
   * None by default; insecure defaults to false. A bad (null) entry stays for the validator. With a
   * bundle, a `_default` entry for the bundle's registry unless the file has one (the validator
   * then says which to keep).
   */
  private static List<RegistryMirrorSpec> registryMirrors(
      List<RegistryMirrorSpec> mirrors, String bundleUrl) {
    List<RegistryMirrorSpec> filled = new ArrayList<>();
    if (bundleUrl != null
        && (mirrors == null
            || mirrors.stream()
                .noneMatch(
                    m -> m != null && RegistryMirrorSpec.DEFAULT_REGISTRY.equals(m.registry())))) {
      filled.add(
          new RegistryMirrorSpec(
              RegistryMirrorSpec.DEFAULT_REGISTRY, List.of(bundleUrl), null, true, null));
    }
    if (mirrors == null) {
      return List.copyOf(filled);
    }
    for (RegistryMirrorSpec m : mirrors) {
      filled.add(
          m == null
              ? null
              : new RegistryMirrorSpec(
                  m.registry(),
                  m.endpoints(),
                  m.caFile(),
                  or(m.insecure(), false),
                  m.credentialsFile()));
    }
    return java.util.Collections.unmodifiableList(filled);
  }

  /**
   * mirror stays null (upstream releases); the apt repository defaults to pkgs.k8s.io, and its key
   * to pkgs.k8s.io's fingerprint. Another repository's fingerprint stays null: only the inventory
   * can vouch for it (the validator asks).
   */
  private static ArtifactsSpec artifacts(ArtifactsSpec a, ControlPlaneEndpointSpec e) {
    ArtifactsSpec c = a != null ? a : new ArtifactsSpec(null, null, null);
    String bundle = bundleUrl(c, e);
    if (bundle != null) {
      // Served by the load balancers; the apt key is the one the bundle's repository came with,
      // pkgs.k8s.io's unless the inventory names another.
      return new ArtifactsSpec(
          or(c.mirror(), bundle + "/files"),
          or(c.aptRepository(), bundle + "/apt"),
          or(c.aptKeyFingerprint(), ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT),
          or(c.insecure(), true),
          or(c.checksums(), Map.of()),
          c.bundle());
    }
    String fingerprint = c.aptKeyFingerprint();
    if (fingerprint == null && ArtifactsSpec.upstreamApt(c.aptRepository())) {
      fingerprint = ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT;
    }
    return new ArtifactsSpec(
        c.mirror(),
        or(c.aptRepository(), ArtifactsSpec.UPSTREAM_APT),
        fingerprint,
        or(c.insecure(), false),
        or(c.checksums(), Map.of()),
        c.bundle());
  }

  private static OptionsSpec options(OptionsSpec o) {
    OptionsSpec c = o != null ? o : new OptionsSpec(null, null, null, null, null);
    return new OptionsSpec(
        or(c.aptUpgrade(), false),
        or(c.netplan(), false),
        or(c.workerConcurrency(), OptionsSpec.DEFAULT_WORKER_CONCURRENCY),
        or(c.allowedOs(), OptionsSpec.DEFAULT_ALLOWED_OS),
        or(c.proveFailover(), false));
  }

  private static <T> T or(T value, T fallback) {
    return Objects.requireNonNullElse(value, fallback);
  }
}
