package io.kubeha.starter;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubeha.plan.Sha256;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The lab's registry program (CNCF distribution, built by lab/bin/build-node) on a free loopback
 * port over a fresh storage directory; images are pushed to it with the distribution API.
 */
final class LocalRegistry implements AutoCloseable {
  static final Path BINARY =
      Path.of(
          System.getenv()
              .getOrDefault(
                  "KUBEHA_NODE_CACHE", System.getProperty("user.home") + "/.cache/kubeha/node"),
          "bin",
          "registry");
  private static final Duration START = Duration.ofSeconds(20);

  private final Process process;
  private final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  private LocalRegistry(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Skips the test (an assumption) when build-node has not built the registry here. */
  static LocalRegistry start(Path dir) throws Exception {
    assumeTrue(
        Files.isExecutable(BINARY),
        "the lab's registry is not built (" + BINARY + "; lab/bin/build-node builds it)");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path config =
        Files.writeString(
            dir.resolve("registry.yml"),
            """
            version: 0.1
            log: {level: warn, accesslog: {disabled: true}}
            storage: {filesystem: {rootdirectory: %s}}
            http: {addr: 127.0.0.1:%d}
            """
                .formatted(dir.resolve("data"), port));
    ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "serve", config.toString());
    pb.environment().put("OTEL_TRACES_EXPORTER", "none");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile());
    LocalRegistry r = new LocalRegistry(pb.start(), "http://127.0.0.1:" + port);
    r.awaitUp(dir);
    return r;
  }

  String url() {
    return url;
  }

  private void awaitUp(Path dir) throws Exception {
    Instant deadline = Instant.now().plus(START);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        if (get("/v2/").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(50); // the next poll of the condition, until the deadline
    }
    throw new IllegalStateException(
        "the registry did not answer within "
            + START
            + ": "
            + Files.readString(dir.resolve("registry.log")));
  }

  /** Uploads a blob (POST, then PUT with its digest); returns the digest. */
  String blob(String repository, byte[] content) throws Exception {
    String digest = "sha256:" + Sha256.hex(content);
    HttpResponse<String> start =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location = start.headers().firstValue("Location").orElseThrow();
    URI put =
        URI.create(url)
            .resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
    HttpResponse<String> done =
        http.send(
            HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (done.statusCode() != 201) {
      throw new IllegalStateException("blob upload: HTTP " + done.statusCode() + " " + done.body());
    }
    return digest;
  }

  /** PUTs a manifest (or index) under reference; returns its digest. */
  String manifest(String repository, String reference, String mediaType, byte[] content)
      throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(url + "/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException(
          "manifest " + repository + ":" + reference + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return "sha256:" + Sha256.hex(content);
  }

  private HttpResponse<Void> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
