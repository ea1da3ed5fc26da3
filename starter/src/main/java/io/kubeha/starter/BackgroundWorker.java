package io.kubeha.starter;

import io.kubeha.steps.PrivateFiles;
import io.kubeha.worker.KubehaHome;
import io.kubeha.worker.ProjectDir;
import io.kubeha.workflow.engine.TaskQueues;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts `./kubeha worker` detached when no worker polls the kubeha task queue, so a run goes on
 * after the CLI exits.
 */
final class BackgroundWorker {
  // A live worker long-polls about once a minute; the server keeps a gone poller listed for minutes
  // more.
  private static final Duration RECENT_POLL = Duration.ofSeconds(90);

  private BackgroundWorker() {}

  static void ensure(TemporalConnection connection, PrintWriter err) {
    ensure(connection, err, List.of());
  }

  /** The same; a worker started now may also use files under each of allowPaths. */
  static void ensure(TemporalConnection connection, PrintWriter err, List<Path> allowPaths) {
    Path home = KubehaHome.create(err);
    Path pidFile = home.resolve("worker.pid");
    if (polled(connection) || alive(pidFile)) {
      return;
    }
    Path launcher =
        ProjectDir.find()
            .map(d -> d.resolve("kubeha"))
            .filter(Files::isExecutable)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no worker polls task queue "
                            + TaskQueues.KUBEHA
                            + " and the ./kubeha launcher was not found to start one; run `./kubeha worker` yourself"));
    try {
      Path log = PrivateFiles.file(home.resolve("worker.log"));
      List<String> command =
          new ArrayList<>(
              List.of(
                  "setsid",
                  launcher.toString(),
                  "worker",
                  "--address",
                  connection.address(),
                  "--namespace",
                  connection.namespace()));
      allowPaths.forEach(p -> command.addAll(List.of("--allow-path", p.toString())));
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      PrivateFiles.writeString(pidFile, p.pid() + "\n");
      err.println("Started a background worker (pid " + p.pid() + ", log " + log + ")");
      err.flush();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a background worker: " + e.getMessage(), e);
    }
  }

  /** True when some worker polled the workflow task queue recently. */
  static boolean polled(TemporalConnection connection) {
    var response =
        connection
            .service()
            .blockingStub()
            .describeTaskQueue(
                DescribeTaskQueueRequest.newBuilder()
                    .setNamespace(connection.namespace())
                    .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.KUBEHA).build())
                    .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                    .build());
    Instant since = Instant.now().minus(RECENT_POLL);
    return response.getPollersList().stream()
        .anyMatch(p -> Instant.ofEpochSecond(p.getLastAccessTime().getSeconds()).isAfter(since));
  }

  private static boolean alive(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      // The pid may have been reused since: only a kubeha worker counts.
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .flatMap(h -> h.info().commandLine())
          .map(c -> c.contains("io.kubeha.starter.Kubeha worker"))
          .orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
