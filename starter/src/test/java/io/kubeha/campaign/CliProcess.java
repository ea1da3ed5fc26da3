package io.kubeha.campaign;

import io.kubeha.starter.Kubeha;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** The real kubeha CLI (`kubeha ARGS`) in a child JVM on the test class path, its output appended to a log file. */
final class CliProcess implements AutoCloseable {
  private final Process process;

  private CliProcess(Process process) {
    this.process = process;
  }

  /** Starts `kubeha args...` with KUBEHA_HOME set to home (where `up` puts admin.conf). */
  static CliProcess start(Path home, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        Kubeha.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("KUBEHA_HOME", home.toString());
    pb.environment().remove("TEMPORAL_ADDRESS");
    return new CliProcess(pb.start());
  }

  long pid() {
    return process.pid();
  }

  /** The exit code once the process ended within deadline, or empty if it still runs. */
  OptionalInt awaitExit(Duration deadline) throws InterruptedException {
    return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue())
        : OptionalInt.empty();
  }

  /** SIGKILL, then wait until the process is gone. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("kubeha process " + process.pid() + " survived SIGKILL for 30 s");
    }
  }

  /** SIGTERM (a worker shuts down gracefully), SIGKILL if it lingers. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill9();
    }
  }
}
