package io.kubeha.starter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A static file server on 127.0.0.1 over a directory, like the lab's http.server: it counts the
 * GETs of each path, and answers 500 for the paths told to fail.
 */
final class FileServer implements AutoCloseable {
  private final Path root;
  private final HttpServer server;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  FileServer(Path root) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** GETs of path (as requested, e.g. "/apt/core:/stable:/v1.37/deb/Release"). */
  int requests(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  int totalRequests() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  void resetCounts() {
    requests.clear();
  }

  void fail(String path) {
    failing.add(path);
  }

  void heal() {
    failing.clear();
  }

  private void serve(HttpExchange x) throws IOException {
    String path = URI.create(x.getRequestURI().getRawPath()).getPath();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    Path file = root.resolve(path.substring(1)).normalize();
    try (x) {
      if (failing.contains(path)) {
        x.sendResponseHeaders(500, -1);
      } else if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        x.sendResponseHeaders(404, -1);
      } else {
        x.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = x.getResponseBody()) {
          Files.copy(file, out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
