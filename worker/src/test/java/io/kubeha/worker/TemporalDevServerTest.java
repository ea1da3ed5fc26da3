package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TemporalDevServerTest {

  @Test
  void startsWithSqliteStateAndTheSearchAttributeThenStops(@TempDir Path dir) throws IOException {
    int port = freePort();
    try (TemporalDevServer server = TemporalDevServer.start(dir, port, freePort(), false)) {
      assertTrue(Files.exists(dir.resolve("temporal.db")), "state is kept in a SQLite file");
      OperatorServiceStubs ops =
          OperatorServiceStubs.newServiceStubs(
              OperatorServiceStubsOptions.newBuilder()
                  .setTarget(server.address())
                  .validateAndBuildWithDefaults());
      try {
        var attrs =
            ops.blockingStub()
                .listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
                .getCustomAttributesMap();
        assertEquals(
            IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            attrs.get(TemporalDevServer.SEARCH_ATTRIBUTE));
      } finally {
        ops.shutdownNow();
      }
      try (TemporalDevServer reused = TemporalDevServer.startOrReuse(dir, port, 0, false)) {
        assertFalse(
            reused.process().isPresent(), "a server that answers is reused, not started again");
      }
      server.close();
      assertFalse(server.process().orElseThrow().isAlive());
    }
  }

  /** Every port the dev server opens (frontend, Web UI, HTTP API, metrics) is on 127.0.0.1 only. */
  @Test
  void everyPortItListensOnIsLoopback(@TempDir Path dir) throws Exception {
    int uiPort = freePort();
    try (TemporalDevServer server = TemporalDevServer.start(dir, freePort(), uiPort, true)) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!TemporalDevServer.answers(uiPort) && System.nanoTime() < deadline) {
        Thread.sleep(200); // the UI may start after the frontend serves
      }
      List<String> listening = ListeningSockets.of(server.process().orElseThrow().pid());
      System.out.println("dev server listens on " + listening);
      assertTrue(listening.contains(server.address()), listening.toString());
      assertTrue(listening.contains("127.0.0.1:" + uiPort), listening.toString());
      for (String socket : listening) {
        assertTrue(socket.startsWith("127.0.0.1:"), socket + " is not loopback: " + listening);
      }
    }
  }

  /**
   * A state directory and log left wider by an earlier kubeha are tightened; what the server writes
   * is its owner's only from the start.
   */
  @Test
  void theDatabaseLogAndPidAreTheOwnersOnly(@TempDir Path root) throws Exception {
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path dir = Files.createDirectory(root.resolve("temporal"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path oldLog = Files.writeString(dir.resolve("temporal.log"), "an earlier run\n");
    Files.setPosixFilePermissions(oldLog, PosixFilePermissions.fromString("rw-r--r--"));
    try (TemporalDevServer server = TemporalDevServer.start(dir, freePort(), 0, false)) {
      assertEquals("rwx------", mode(dir));
      Path db = dir.resolve("temporal.db");
      List<Path> files;
      try (var list = Files.list(dir)) {
        files = list.toList();
      }
      assertTrue(files.contains(db), files.toString());
      for (Path f : files) {
        assertEquals("rw-------", mode(f), f.toString());
      }
      if (OtherUser.available()) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertFalse(OtherUser.canRead(db), "with its directory opened, the file still is closed");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
