package io.kubeha.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubeha.plan.Sha256;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distribution API's anonymous token dance, as Docker Hub and ghcr.io answer a pull without
 * credentials, and a manifest whose bytes are not the announced digest, on a loopback server.
 */
class RegistryClientTest {
  private static final byte[] MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
          .getBytes(StandardCharsets.UTF_8);
  private HttpServer server;
  private String base;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile String announced = "sha256:" + Sha256.hex(MANIFEST);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/token", x -> answer(x, 200, "{\"token\":\"anon-1\"}".getBytes()));
    server.createContext(
        "/v2/",
        x -> {
          String auth = x.getRequestHeaders().getFirst("Authorization");
          seen.add(x.getRequestURI().getPath() + " " + auth);
          if (!"Bearer anon-1".equals(auth)) {
            x.getResponseHeaders()
                .add(
                    "WWW-Authenticate",
                    "Bearer realm=\""
                        + base
                        + "/token\",service=\"test\",scope=\"repository:"
                        + "library/x:pull\"");
            answer(x, 401, new byte[0]);
            return;
          }
          x.getResponseHeaders().add("Docker-Content-Digest", announced);
          x.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
          answer(x, 200, MANIFEST);
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void answer(HttpExchange x, int status, byte[] body) throws IOException {
    try (x) {
      x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        x.getResponseBody().write(body);
      }
    }
  }

  @Test
  void fetchesAnAnonymousTokenOnceAndUsesIt() {
    RegistryClient client = new RegistryClient(new HttpFetch(), base);
    RegistryClient.Manifest m = client.manifest("library/x", "1");
    assertEquals("sha256:" + Sha256.hex(MANIFEST), m.digest());
    assertEquals("application/vnd.oci.image.manifest.v1+json", m.mediaType());
    client.manifest("library/x", "2");
    assertEquals(
        List.of(
            "/v2/library/x/manifests/1 null",
            "/v2/library/x/manifests/1 Bearer anon-1",
            "/v2/library/x/manifests/2 Bearer anon-1"),
        seen);
  }

  @Test
  void aManifestThatIsNotItsAnnouncedDigestIsRefused() {
    announced = "sha256:" + "0".repeat(64);
    BundleException e =
        assertThrows(
            BundleException.class,
            () -> new RegistryClient(new HttpFetch(), base).manifest("library/x", "1"));
    assertTrue(e.getMessage().contains("not the digest asked or announced"), e.getMessage());
  }
}
