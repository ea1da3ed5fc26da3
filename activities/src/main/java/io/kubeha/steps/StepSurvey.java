package io.kubeha.steps;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.plan.Download;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.ServedBundle;
import io.kubeha.plan.Step;
import io.kubeha.plan.WorkerFile;
import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One round trip that reads the state of every file, download and worker file of a step, a bundle's
 * image locations, which of its detached actions' jobs are on record, and its pending marker.
 */
record StepSurvey(Map<String, RemoteFileState> files, Set<String> jobsOnRecord, boolean pending) {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String PENDING = "pending";

  /**
   * jobRecords: for each detached action's job (step.action), the paths any of which puts it on
   * record.
   */
  static StepSurvey take(
      RemoteShell shell, Step step, String markerPath, Map<String, List<String>> jobRecords) {
    List<String> paths =
        Stream.of(
                step.files().stream().map(FileSpec::path),
                step.downloads().stream().map(Download::path),
                step.workerFiles().stream().map(WorkerFile::path),
                Stream.ofNullable(step.bundle()).map(ServedBundle::locations))
            .flatMap(s -> s)
            .toList();
    StringBuilder script = new StringBuilder();
    if (!paths.isEmpty()) {
      script.append("for p in");
      paths.forEach(path -> script.append(' ').append(quote(path)));
      script
          .append(
              "; do if [ -f \"$p\" ]; then printf '%s %s\\n' \"$(sha256sum < \"$p\" | cut -d' ' -f1)\"")
          .append(" \"$(stat -c '%a %U:%G' \"$p\")\"; else echo missing; fi; done\n");
    }
    List<String> jobs = List.copyOf(jobRecords.keySet());
    for (String job : jobs) {
      String test =
          jobRecords.get(job).stream()
              .map(p -> "[ -e " + quote(p) + " ]")
              .reduce((a, b) -> a + " || " + b)
              .orElse("false");
      script.append("if ").append(test).append("; then echo recorded; else echo none; fi\n");
    }
    script
        .append("if [ -e ")
        .append(quote(markerPath))
        .append(" ]; then echo ")
        .append(PENDING)
        .append("; else echo clean; fi");
    RemoteCommand command =
        RemoteCommand.of(script.toString(), TIMEOUT).withSummary("survey step " + step.id());
    if (!step.workerFiles().isEmpty()) {
      // The SHA-256 of a file holding credentials would let a weak password be guessed offline.
      command = command.asSecret(command.summary());
    }
    CommandResult result = shell.runOk(command, "step " + step.id());
    List<String> lines = new ArrayList<>(result.stdout().lines().toList());
    if (lines.size() != paths.size() + jobs.size() + 1) {
      throw shell.failure("step " + step.id() + ": unexpected survey output", command, result);
    }
    Map<String, RemoteFileState> states = new HashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      states.put(paths.get(i), RemoteFileState.parse(lines.get(i)));
    }
    Set<String> onRecord = new HashSet<>();
    for (int i = 0; i < jobs.size(); i++) {
      if ("recorded".equals(lines.get(paths.size() + i).trim())) {
        onRecord.add(jobs.get(i));
      }
    }
    return new StepSurvey(
        states, Set.copyOf(onRecord), PENDING.equals(lines.get(lines.size() - 1).trim()));
  }

  RemoteFileState state(String path) {
    return files.getOrDefault(path, RemoteFileState.MISSING);
  }
}
