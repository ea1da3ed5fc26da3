package io.kubeha.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kubeha.activity.Failures;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.Download;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Sha256;
import io.kubeha.plan.Step;
import io.kubeha.ssh.Conditions;
import io.kubeha.ssh.Heartbeat;
import io.kubeha.ssh.LoopbackSshd;
import io.kubeha.ssh.SshConnections;
import io.temporal.failure.ApplicationFailure;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker-side cache, served by a JDK HttpServer on 127.0.0.1. */
class ArtifactCacheTest {
  private static final byte[] BODY =
      "pretend this is runc\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
  private static final String SHA = Sha256.hex(BODY);

  private HttpServer server;
  private final java.util.concurrent.ExecutorService handlers =
      java.util.concurrent.Executors.newCachedThreadPool();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private Path root;

  @BeforeEach
  void serve() throws Exception {
    root = Files.createTempDirectory("kubeha-cache-");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/runc",
        exchange -> {
          requests.incrementAndGet();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, BODY.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(BODY);
          }
        });
    server.setExecutor(handlers);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/runc";
  }

  @Test
  void twoConcurrentCallersShareOneFetch() throws Exception {
    ArtifactCache cache = new ArtifactCache(root.resolve("cache"));
    Download runc = new Download("runc", url(), SHA, "/usr/local/sbin/runc");
    // Release the server only once both callers are waiting: each heartbeats while it waits.
    Set<String> waiting = ConcurrentHashMap.newKeySet();
    CompletableFuture<Path> a =
        CompletableFuture.supplyAsync(() -> cache.fetch(runc, details -> waiting.add("a")));
    CompletableFuture<Path> b =
        CompletableFuture.supplyAsync(() -> cache.fetch(runc, details -> waiting.add("b")));
    assertTrue(Conditions.waitUntil(() -> waiting.size() == 2), "both callers waiting");
    release.countDown();
    assertEquals(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
    assertArrayEquals(BODY, Files.readAllBytes(a.get()));
    assertEquals(1, requests.get());

    cache.fetch(runc, Heartbeat.NONE);
    new ArtifactCache(root.resolve("cache")).fetch(runc, Heartbeat.NONE);
    assertEquals(1, requests.get(), "served from disk afterwards, also by a new worker");
  }

  @Test
  void rejectsAChecksumMismatch() {
    release.countDown();
    String wrong = "0".repeat(64);
    ArtifactCache cache = new ArtifactCache(root.resolve("cache"));
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () ->
                cache.fetch(
                    new Download("runc", url(), wrong, "/usr/local/sbin/runc"), Heartbeat.NONE));
    assertEquals(Failures.CHECKSUM_MISMATCH, failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains(url()), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains(wrong));
    assertTrue(failure.getOriginalMessage().contains(SHA));
    assertFalse(Files.exists(root.resolve("cache").resolve(wrong)));
  }

  @Test
  void stepUploadsADownloadOnlyWhenTheHostLacksIt() throws Exception {
    release.countDown();
    try (LoopbackSshd sshd = LoopbackSshd.start();
        SshConnections connections = new SshConnections(LoopbackSshd.tempRoots())) {
      StepExecutor executor =
          new StepExecutor(
              root.resolve("state").toString(),
              new ArtifactCache(root.resolve("cache")),
              LoopbackSshd.tempRoots());
      Path onHost = root.resolve("host/usr/local/sbin/runc");
      Step step =
          new Step(
              "runc",
              Phase.PREPARE_NODES,
              "Install runc",
              List.of(),
              List.of(new Download("runc", url(), SHA, onHost.toString())),
              List.of());
      StepResult first =
          executor.apply(connections.shell(sshd.target("loop"), Heartbeat.NONE), step);
      assertEquals(List.of("download runc to " + onHost), first.applied());
      assertArrayEquals(BODY, Files.readAllBytes(onHost));
      assertTrue(Files.isExecutable(onHost));
      assertFalse(
          executor.apply(connections.shell(sshd.target("loop"), Heartbeat.NONE), step).changed());
      assertEquals(1, requests.get());
    }
  }
}
