package io.kubeha.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kubeha started on this machine in the background, found by the pid files it wrote under
 * $KUBEHA_HOME: the local Temporal dev server (temporal/temporal.pid) and the worker (worker.pid).
 * A pid counts only while its process's command line is still that service's: a reused pid is never
 * taken for it, nor stopped.
 */
final class LocalServices {
  private static final Duration STOP_WAIT = Duration.ofSeconds(15);
  private static final Pattern PORT = Pattern.compile("--port (\\d+)");
  private static final Pattern UI_PORT = Pattern.compile("--ui-port (\\d+)");

  /** One service: its name, pid file, and the text its command line holds. */
  record Service(String name, Path pidFile, String marker) {}

  /** What a pid file says now. */
  record Status(Service service, Optional<ProcessHandle> process, String text) {}

  private final Path home;

  LocalServices(Path home) {
    this.home = home;
  }

  Service devServer() {
    Path state = home.resolve("temporal");
    // Only a dev server of this home: its database is here.
    return new Service(
        "Temporal dev server",
        state.resolve("temporal.pid"),
        state.resolve("temporal.db").toString());
  }

  Service worker() {
    return new Service(
        "background worker", home.resolve("worker.pid"), "io.kubeha.starter.Kubeha worker");
  }

  Status status(Service s) {
    long pid;
    try {
      pid = Long.parseLong(Files.readString(s.pidFile()).strip());
    } catch (IOException | NumberFormatException e) {
      return new Status(s, Optional.empty(), "not running (no pid file " + s.pidFile() + ")");
    }
    Optional<ProcessHandle> live = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (live.isEmpty()) {
      return new Status(s, Optional.empty(), "not running (pid " + pid + " is gone)");
    }
    String command = live.get().info().commandLine().orElse("");
    if (!command.contains(s.marker())) {
      return new Status(
          s, Optional.empty(), "not running (pid " + pid + " is another program now)");
    }
    return new Status(s, live, "running, pid " + pid + details(command));
  }

  /** Stops the service if it runs (SIGTERM, then SIGKILL after STOP_WAIT); what happened. */
  String stop(Service s) throws IOException {
    Status now = status(s);
    if (now.process().isEmpty()) {
      return s.name() + ": " + now.text();
    }
    ProcessHandle p = now.process().get();
    p.destroy();
    boolean gone = waitGone(p);
    if (!gone) {
      p.destroyForcibly();
      gone = waitGone(p);
    }
    if (!gone) {
      return s.name() + ": pid " + p.pid() + " did not stop";
    }
    Files.deleteIfExists(s.pidFile());
    return s.name() + ": stopped (pid " + p.pid() + ")";
  }

  private static boolean waitGone(ProcessHandle p) {
    try {
      p.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !p.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }

  private static String details(String command) {
    StringBuilder s = new StringBuilder();
    Matcher port = PORT.matcher(command);
    if (port.find()) {
      s.append(", on 127.0.0.1:").append(port.group(1));
    }
    Matcher ui = UI_PORT.matcher(command);
    if (ui.find()) {
      s.append(", UI http://127.0.0.1:").append(ui.group(1));
    }
    return s.toString();
  }
}
