package io.kubeha.steps;

import io.kubeha.activity.Failures;
import io.kubeha.plan.Download;
import io.kubeha.ssh.Heartbeat;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Release files on the worker's machine, keyed by SHA-256: each is fetched once (concurrent callers
 * share one fetch), verified, and then served from disk.
 */
public final class ArtifactCache {
  private static final Logger log = LoggerFactory.getLogger(ArtifactCache.class);
  private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(15);
  private static final long HEARTBEAT_MILLIS = 3_000;

  /** Failure type of a download that did not complete; retrying may help. */
  public static final String DOWNLOAD_FAILED = "DownloadFailed";

  private final Path dir;
  private final HttpClient http;
  private final Map<String, CompletableFuture<Path>> fetches = new ConcurrentHashMap<>();

  public ArtifactCache(Path dir) {
    this.dir = dir;
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** The cache under ${KUBEHA_HOME:-~/.local/state/kubeha}/cache. */
  public static ArtifactCache atDefaultLocation() {
    String home = System.getenv("KUBEHA_HOME");
    Path base =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home"), ".local", "state", "kubeha");
    return new ArtifactCache(base.resolve("cache"));
  }

  /**
   * The verified local copy of the download; fetched now unless another caller already did or is
   * doing it.
   */
  public Path fetch(Download download, Heartbeat heartbeat) {
    String key = download.sha256() == null ? "" : download.sha256().toLowerCase();
    // The key names a file in the cache: only a SHA-256 may, never a path.
    if (!key.matches("[0-9a-f]{64}")) {
      throw ApplicationFailure.newNonRetryableFailure(
          download.name() + ": sha256 is not 64 hexadecimal digits", Failures.INVALID_INVENTORY);
    }
    CompletableFuture<Path> mine = new CompletableFuture<>();
    CompletableFuture<Path> existing = fetches.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        mine.complete(fetchOrReuse(download, key, heartbeat));
      } catch (RuntimeException e) {
        // A failed fetch is not remembered: the next attempt tries again.
        fetches.remove(key, mine);
        mine.completeExceptionally(e);
      }
      return waitFor(mine, download, heartbeat);
    }
    return waitFor(existing, download, heartbeat);
  }

  private Path fetchOrReuse(Download download, String key, Heartbeat heartbeat) {
    Path target = dir.resolve(key);
    try {
      if (Files.isRegularFile(target) && key.equals(sha256(target))) {
        return target;
      }
      PrivateFiles.directories(dir);
      Path temp = PrivateFiles.temp(dir, key, ".part");
      try {
        log.info("fetching {} ({})", download.url(), download.name());
        download(download, temp, heartbeat);
        String actual = sha256(temp);
        if (!key.equals(actual)) {
          throw ApplicationFailure.newNonRetryableFailure(
              String.format(
                  "%s: checksum mismatch: expected sha256 %s, got %s", download.url(), key, actual),
              Failures.CHECKSUM_MISMATCH);
        }
        return Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          download.url() + ": download failed: " + e.getMessage(), DOWNLOAD_FAILED, e);
    }
  }

  private void download(Download download, Path temp, Heartbeat heartbeat) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(download.url())).timeout(FETCH_TIMEOUT).GET().build();
    CompletableFuture<HttpResponse<Path>> response =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofFile(temp));
    int status = waitFor(response, download, heartbeat).statusCode();
    if (status != 200) {
      throw new IOException("HTTP status " + status);
    }
  }

  private static <T> T waitFor(
      CompletableFuture<T> future, Download download, Heartbeat heartbeat) {
    while (true) {
      try {
        return future.get(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        heartbeat.beat("fetching " + download.name());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure(download.url() + ": interrupted", DOWNLOAD_FAILED);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw ApplicationFailure.newFailureWithCause(
            download.url() + ": download failed: " + e.getCause().getMessage(),
            DOWNLOAD_FAILED,
            e.getCause());
      }
    }
  }

  /** SHA-256 of a file's content, as sha256sum prints it. */
  public static String sha256(Path file) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
