package io.kubeha.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OCI distribution API's reads: a manifest by tag or digest, a blob by digest. Anonymous bearer
 * tokens are fetched when a registry asks for one (public images on Docker Hub, ghcr.io); kubeha
 * sends no credentials.
 */
public final class RegistryClient {
  static final String ACCEPT =
      String.join(
          ", ", OciMedia.INDEX, OciMedia.MANIFEST, OciMedia.DOCKER_LIST, OciMedia.DOCKER_MANIFEST);
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpFetch http;
  private final String base;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  /** base: the registry's URL, e.g. http://127.0.0.1:5000 or https://registry.k8s.io. */
  public RegistryClient(HttpFetch http, String base) {
    this.http = http;
    this.base = ReleaseFiles.trimSlash(base);
  }

  public String base() {
    return base;
  }

  /** A manifest's bytes, media type and digest (the SHA-256 of the bytes, checked). */
  public record Manifest(byte[] bytes, String mediaType, String digest, String source) {}

  public Manifest manifest(String repository, String reference) {
    URI uri = URI.create(base + "/v2/" + repository + "/manifests/" + reference);
    HttpResponse<InputStream> response = get(repository, uri, ACCEPT);
    HttpFetch.requireOk(uri, response);
    byte[] bytes = HttpFetch.readAll(uri, response);
    String digest = "sha256:" + Staging.hex(bytes);
    String claimed = response.headers().firstValue("Docker-Content-Digest").orElse(digest);
    if (!claimed.equals(digest) || (reference.startsWith("sha256:") && !reference.equals(digest))) {
      throw new BundleException(
          uri
              + ": the manifest's SHA-256 is "
              + digest
              + ", not the digest asked or announced ("
              + (reference.startsWith("sha256:") ? reference : claimed)
              + ")");
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    return new Manifest(bytes, mediaType(bytes, type), digest, uri.toString());
  }

  /** Opens a blob for {@link Staging#fetch}, which checks its digest. */
  public Staging.Source blob(String repository, String digest) {
    URI uri = URI.create(base + "/v2/" + repository + "/blobs/" + digest);
    return () -> get(repository, uri, "*/*");
  }

  public String blobUrl(String repository, String digest) {
    return base + "/v2/" + repository + "/blobs/" + digest;
  }

  private HttpResponse<InputStream> get(String repository, URI uri, String accept) {
    String token = tokens.get(repository);
    HttpResponse<InputStream> response = http.get(uri, headers(accept, token));
    if (response.statusCode() != 401 || token != null) {
      return response;
    }
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
    HttpFetch.close(response);
    if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new BundleException(
          uri + ": HTTP 401 (the registry wants credentials; kubeha pulls anonymously)");
    }
    tokens.put(repository, anonymousToken(challenge, repository, uri));
    return http.get(uri, headers(accept, tokens.get(repository)));
  }

  private String anonymousToken(String challenge, String repository, URI uri) {
    Map<String, String> p = new HashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      p.put(m.group(1), m.group(2));
    }
    String realm = p.get("realm");
    // Over http only to the registry's own host: a token is not sent in clear elsewhere.
    if (realm == null
        || !(realm.startsWith("https://")
            || String.valueOf(URI.create(realm).getHost()).equals(uri.getHost()))) {
      throw new BundleException(uri + ": the registry's token realm is not https: " + realm);
    }
    String scope = p.getOrDefault("scope", "repository:" + repository + ":pull");
    URI tokenUri =
        URI.create(
            realm
                + "?service="
                + encode(p.getOrDefault("service", ""))
                + "&scope="
                + encode(scope));
    try {
      JsonNode answer = JSON.readTree(http.bytes(tokenUri, Map.of()));
      String token = answer.path("token").asText(answer.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new BundleException(tokenUri + ": no token in the answer");
      }
      return token;
    } catch (IOException e) {
      throw new BundleException(tokenUri + ": not JSON: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> headers(String accept, String token) {
    return token == null
        ? Map.of("Accept", accept)
        : Map.of("Accept", accept, "Authorization", "Bearer " + token);
  }

  /** The manifest's own mediaType field, else the answer's Content-Type. */
  private static String mediaType(byte[] bytes, String contentType) {
    try {
      String own = JSON.readTree(bytes).path("mediaType").asText("");
      return own.isEmpty() ? contentType.split(";")[0].strip() : own;
    } catch (IOException e) {
      throw new BundleException("a manifest that is not JSON: " + e.getMessage(), e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
