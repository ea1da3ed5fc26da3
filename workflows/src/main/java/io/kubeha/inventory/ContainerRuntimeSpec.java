package io.kubeha.inventory;

/** spec.containerRuntime: versions of containerd, runc, the CNI plugins and the pause image. */
public record ContainerRuntimeSpec(String containerd, String runc, String cniPlugins, String pauseImage) {

  public static final String DEFAULT_CONTAINERD = "2.0.4";
  public static final String DEFAULT_RUNC = "1.2.6";
  public static final String DEFAULT_CNI_PLUGINS = "1.6.2";
  public static final String DEFAULT_PAUSE_IMAGE = "registry.k8s.io/pause:3.10";
}
