package io.kubeha.worker;

import io.kubeha.files.AllowedRoots;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A kubeha main class (the worker, the CLI) in a child JVM on the tests' class path, with the
 * launcher's JVM flags, its output appended to a log file: a process a test can kill -9.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;

  private ChildJvm(Process process) {
    this.process = process;
  }

  /** java and the launcher's JVM flags. */
  static List<String> javaAndFlags() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC");
  }

  /** Starts mainClass with args; env entries are set, or removed where the value is null. */
  public static ChildJvm start(Path log, Map<String, String> env, String mainClass, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(javaAndFlags());
    Optional<ClassArchive> archive = ClassArchive.forTests();
    if (archive.isPresent()) {
      cmd.addAll(archive.get().flags());
      cmd.addAll(List.of("-cp", archive.get().classPath));
    } else {
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    }
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    env.forEach(
        (k, v) -> {
          if (v == null) {
            pb.environment().remove(k);
          } else {
            pb.environment().put(k, v);
          }
        });
    return new ChildJvm(pb.start());
  }

  /**
   * A kubeha worker polling the cluster's dev server, allowed the lab's and the test's directories
   * through $KUBEHA_ALLOWED_PATHS.
   */
  public static ChildJvm worker(LabCluster cluster, Path log) throws IOException {
    // At INFO, as `kubeha worker` logs: the tests' logback-test.xml would keep it at WARN, and a
    // test reading the log (connections opened, leaks) would read nothing.
    return start(
        log,
        allowing(Map.of("KUBEHA_LOG_LEVEL", "INFO"), cluster.workerPaths()),
        KubehaWorker.class.getName(),
        cluster.server.address());
  }

  /** env with paths added to the $KUBEHA_ALLOWED_PATHS it or this process has. */
  public static Map<String, String> allowing(Map<String, String> env, List<Path> paths) {
    List<String> all = new ArrayList<>();
    String had =
        env.containsKey(AllowedRoots.ENV)
            ? env.get(AllowedRoots.ENV)
            : System.getenv(AllowedRoots.ENV);
    if (had != null && !had.isBlank()) {
      all.add(had);
    }
    paths.forEach(p -> all.add(p.toString()));
    Map<String, String> out = new HashMap<>(env);
    out.put(AllowedRoots.ENV, String.join(":", all));
    return out;
  }

  public long pid() {
    return process.pid();
  }

  /** The exit code once the process ended within deadline, or empty if it still runs. */
  public OptionalInt awaitExit(Duration deadline) throws InterruptedException {
    return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)
        ? OptionalInt.of(process.exitValue())
        : OptionalInt.empty();
  }

  /** SIGKILL, then wait until the process is gone. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 30 s");
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
