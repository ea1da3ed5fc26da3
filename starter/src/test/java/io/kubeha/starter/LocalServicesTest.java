package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.worker.TemporalDevServer;
import io.kubeha.worker.TemporalDevServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubeha server status|stop against a real dev server, and a pid file naming someone else. */
class LocalServicesTest {
  @Test
  void stopsTheDevServerItStartedAndNeverAnotherProcess(@TempDir Path home) throws Exception {
    LocalServices services = new LocalServices(home);
    assertTrue(services.status(services.devServer()).text().startsWith("not running (no pid file"));

    int port = TemporalDevServerTest.freePort();
    try (TemporalDevServer server =
        TemporalDevServer.start(home.resolve("temporal"), port, 0, false)) {
      ProcessHandle process = server.process().orElseThrow().toHandle();
      String status = services.status(services.devServer()).text();
      assertEquals("running, pid " + process.pid() + ", on 127.0.0.1:" + port, status);

      // A worker.pid naming this test's own JVM: a live process, but not kubeha's worker.
      Files.writeString(home.resolve("worker.pid"), ProcessHandle.current().pid() + "\n");
      assertTrue(
          services.status(services.worker()).text().endsWith("is another program now)"),
          services.status(services.worker()).text());
      assertTrue(services.stop(services.worker()).contains("another program"));

      assertEquals(
          "Temporal dev server: stopped (pid " + process.pid() + ")",
          services.stop(services.devServer()));
      assertFalse(process.isAlive(), "the dev server's process is gone");
      assertFalse(Files.exists(home.resolve("temporal/temporal.pid")));
      assertTrue(services.status(services.devServer()).text().startsWith("not running"));
    }
    assertTrue(ProcessHandle.current().isAlive());
  }
}
