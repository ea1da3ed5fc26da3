package io.kubeha.bundle;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.RegistryMirrorSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a bundle's contents are read from: each of mirror (release files, github.com's paths), apt
 * (pkgs.k8s.io's layout) and registry (every image by its path, as a registry mirror serves it) is
 * the option given, else the inventory's own (spec.artifacts, registryMirrors), else the public
 * one.
 */
public record BundleSources(String mirror, String apt, String registry) {

  /** An http(s) URL without credentials, query or fragment, or IllegalArgumentException. */
  public static String requireUrl(String option, String url) {
    if (url == null) {
      return null;
    }
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": not a URL: " + url);
    }
    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
        || u.getHost() == null
        || u.getUserInfo() != null
        || u.getQuery() != null
        || u.getFragment() != null) {
      throw new IllegalArgumentException(
          option
              + ": "
              + url
              + " is not an http(s) URL of a host (no credentials, query or"
              + " fragment), e.g. http://198.18.0.1:18080");
    }
    return ReleaseFiles.trimSlash(url);
  }

  public String mirror(Inventory inv) {
    ArtifactsSpec a = inv.spec().artifacts();
    return mirror != null
        ? mirror
        : a != null && a.mirror() != null ? a.mirror() : ArtifactsSpec.UPSTREAM_RELEASES;
  }

  public String apt(Inventory inv) {
    ArtifactsSpec a = inv.spec().artifacts();
    return apt != null
        ? apt
        : a != null && a.aptRepository() != null ? a.aptRepository() : ArtifactsSpec.UPSTREAM_APT;
  }

  /** The registry each image is read from; one client (and its tokens) per registry URL. */
  public java.util.function.Function<ImageName, RegistryClient> registries(
      Inventory inv, HttpFetch http) {
    Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
    return name ->
        clients.computeIfAbsent(registryUrl(inv, name), url -> new RegistryClient(http, url));
  }

  String registryUrl(Inventory inv, ImageName name) {
    if (registry != null) {
      return registry;
    }
    List<RegistryMirrorSpec> mirrors = inv.spec().containerRuntime().registryMirrors();
    for (String wanted : List.of(name.registry(), RegistryMirrorSpec.DEFAULT_REGISTRY)) {
      for (RegistryMirrorSpec m : mirrors == null ? List.<RegistryMirrorSpec>of() : mirrors) {
        if (wanted.equals(m.registry()) && m.endpoints() != null && !m.endpoints().isEmpty()) {
          return ReleaseFiles.trimSlash(m.endpoints().get(0));
        }
      }
    }
    return name.apiBase();
  }
}
