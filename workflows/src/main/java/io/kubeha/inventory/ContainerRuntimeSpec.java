package io.kubeha.inventory;

import java.util.List;

/**
 * spec.containerRuntime: versions of containerd, runc, the CNI plugins and the pause image, and the
 * registry mirrors containerd pulls through.
 */
public record ContainerRuntimeSpec(
    String containerd,
    String runc,
    String cniPlugins,
    String pauseImage,
    List<RegistryMirrorSpec> registryMirrors) {

  public static final String DEFAULT_CONTAINERD = "2.2.1";
  public static final String DEFAULT_RUNC = "1.3.4";
  public static final String DEFAULT_CNI_PLUGINS = "1.8.0";
  public static final String DEFAULT_PAUSE_IMAGE = "registry.k8s.io/pause:3.10.2";

  /** Without registry mirrors. */
  public ContainerRuntimeSpec(
      String containerd, String runc, String cniPlugins, String pauseImage) {
    this(containerd, runc, cniPlugins, pauseImage, null);
  }
}
