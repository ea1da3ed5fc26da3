package io.kubeha.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * spec.containerRuntime.registryMirrors: each registry once and a host[:port] name; endpoints plain
 * http(s) URLs, each once; plain HTTP only when asked for (insecure) and never with credentials; a
 * CA file or insecure, not both. The files' readability is checked by the starter.
 */
final class RegistryMirrorRules {
  private static final String PATH = "spec.containerRuntime.registryMirrors";
  private static final String ENDPOINT_EXAMPLE = "https://mirror.example:5000";
  private static final int MAX_PORT = 65535;
  private static final List<String> DOCKER_HUB_HOSTS =
      List.of("index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

  private RegistryMirrorRules() {}

  static void check(List<RegistryMirrorSpec> mirrors, Problems p) {
    Map<String, Integer> registries = new HashMap<>();
    for (int i = 0; i < mirrors.size(); i++) {
      RegistryMirrorSpec m = mirrors.get(i);
      if (m == null) {
        continue; // the reader reported the empty entry
      }
      String path = PATH + "[" + i + "]";
      registry(m.registry(), path + ".registry", i, registries, p);
      endpoints(m, path, p);
      files(m, path, p);
    }
  }

  private static void registry(
      String registry, String path, int index, Map<String, Integer> seen, Problems p) {
    if (!Checks.required(
        p, path, registry, "name the registry whose images it mirrors, e.g. registry: docker.io")) {
      return;
    }
    if (registry.startsWith("http://") || registry.startsWith("https://")) {
      p.add(
          path,
          Checks.quote(registry) + " is a URL, not a registry name",
          "write the host[:port] that image names start with, e.g. docker.io; the mirrors' URLs go in endpoints");
      return;
    }
    if (DOCKER_HUB_HOSTS.contains(registry.toLowerCase(Locale.ROOT))) {
      p.add(
          path,
          Checks.quote(registry) + " is not how images name Docker Hub",
          "write registry: docker.io (containerd looks up Docker Hub's images under that name)");
      return;
    }
    if (!registry.equals(RegistryMirrorSpec.DEFAULT_REGISTRY) && !isRegistryHost(registry)) {
      p.add(
          path,
          Checks.quote(registry) + " is not a registry host",
          "write host[:port] as image names spell it, e.g. registry.k8s.io or registry.example:5000, or "
              + RegistryMirrorSpec.DEFAULT_REGISTRY
              + " for every registry without an entry");
      return;
    }
    Integer first = seen.putIfAbsent(registry.toLowerCase(Locale.ROOT), index);
    if (first != null) {
      p.add(
          path,
          Checks.quote(registry) + " is listed twice (also registryMirrors[" + first + "])",
          "merge the two entries' endpoints into one entry");
    }
  }

  private static boolean isRegistryHost(String value) {
    if (!Syntax.matches(Syntax.REGISTRY_HOST, value) || value.length() > 253) {
      return false;
    }
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      return true;
    }
    int port = Integer.parseInt(value.substring(colon + 1));
    return port >= 1 && port <= MAX_PORT;
  }

  private static void endpoints(RegistryMirrorSpec m, String path, Problems p) {
    List<String> endpoints = m.endpoints();
    String fix = "list the mirrors' URLs, e.g. endpoints: [" + ENDPOINT_EXAMPLE + "]";
    if (!Checks.required(p, path + ".endpoints", endpoints, fix)) {
      return;
    }
    if (endpoints.isEmpty()) {
      p.add(path + ".endpoints", "is empty", fix);
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int j = 0; j < endpoints.size(); j++) {
      String url = endpoints.get(j);
      String at = path + ".endpoints[" + j + "]";
      if (url == null || !url(url, at, p)) {
        continue; // an empty entry was reported by the reader
      }
      Integer first = seen.putIfAbsent(url.toLowerCase(Locale.ROOT), j);
      if (first != null) {
        p.add(
            at,
            Checks.quote(url) + " is listed twice (also endpoints[" + first + "])",
            "remove one");
      }
      if (url.startsWith("http://")) {
        plainHttp(m, url, at, p);
      }
    }
  }

  /** True when the URL is a plain http(s) URL; its problem otherwise, never echoing credentials. */
  private static boolean url(String url, String path, Problems p) {
    if (Syntax.matches(Syntax.HTTP_URL, url)) {
      return true;
    }
    String trimmed = url.replaceAll("/+$", "");
    String fix;
    if (url.matches("(?s)[A-Za-z]+://[^/]*@.*")) {
      fix = "put the credentials in credentialsFile, never in the URL";
    } else if (!trimmed.equals(url) && Syntax.matches(Syntax.HTTP_URL, trimmed)) {
      fix = "drop the trailing /: " + trimmed;
    } else {
      fix =
          "write an http(s) URL without credentials, query, quotes or spaces, e.g. "
              + ENDPOINT_EXAMPLE;
    }
    p.add(path, Checks.quote(redacted(url)) + " is not a plain http(s) URL", fix);
    return false;
  }

  private static void plainHttp(RegistryMirrorSpec m, String url, String path, Problems p) {
    if (m.credentialsFile() != null) {
      p.add(
          path,
          Checks.quote(url) + " is plain HTTP, which would carry the credentials in clear text",
          "use an https:// endpoint, or drop credentialsFile");
    } else if (!Boolean.TRUE.equals(m.insecure())) {
      p.add(
          path,
          Checks.quote(url) + " is plain HTTP",
          "set insecure: true on this entry to allow it, or use an https:// endpoint");
    }
  }

  private static void files(RegistryMirrorSpec m, String path, Problems p) {
    Checks.matches(
        p,
        path + ".caFile",
        m.caFile(),
        Syntax.LOCAL_PATH,
        "an absolute path",
        "write an absolute path or one under ~/, e.g. ~/.kube/mirror-ca.pem");
    Checks.matches(
        p,
        path + ".credentialsFile",
        m.credentialsFile(),
        Syntax.LOCAL_PATH,
        "an absolute path",
        "write an absolute path or one under ~/, e.g. ~/.kube/mirror.auth");
    if (m.caFile() != null && Boolean.TRUE.equals(m.insecure())) {
      p.add(
          path + ".insecure",
          "is true beside caFile: one verifies the mirrors' certificates, the other skips it",
          "keep caFile to verify with your CA, or insecure: true to skip verification, not both");
    }
  }

  /** The URL with any user:password@ part hidden, so a problem never prints a password. */
  static String redacted(String url) {
    return url.replaceFirst("(?s)^([A-Za-z]+://)[^/]*@", "$1***@");
  }
}
