package io.kubeha.steps;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.activity.StepResult;
import io.kubeha.bundle.BundleRegistry;
import io.kubeha.bundle.BundleUpload;
import io.kubeha.files.AllowedRoots;
import io.kubeha.plan.Action;
import io.kubeha.plan.Download;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.ServedBundle;
import io.kubeha.plan.Sha256;
import io.kubeha.plan.Step;
import io.kubeha.plan.WorkerFile;
import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings one step about on one host: check, apply only what is missing, verify. A pending marker is
 * written before the first change and removed once the step's actions and verifications succeeded,
 * so handler actions (those without a check) also run after an interrupted attempt.
 */
public final class StepExecutor {
  /** Where markers and detached jobs live on hosts. */
  public static final String DEFAULT_BASE_DIR = "/var/lib/kubeha";

  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final String DEFAULT_OWNER = "root:root";

  private final String baseDir;
  private final ArtifactCache cache;
  private final DetachedCommand detached;
  private final AllowedRoots roots;

  /** roots: where the worker files' sources may be on the worker's machine. */
  public StepExecutor(String baseDir, ArtifactCache cache, AllowedRoots roots) {
    this.baseDir = baseDir;
    this.cache = cache;
    this.detached = new DetachedCommand(baseDir);
    this.roots = roots;
  }

  public StepExecutor(ArtifactCache cache, AllowedRoots roots) {
    this(DEFAULT_BASE_DIR, cache, roots);
  }

  /**
   * Runs of one step: the applied list grows as things are done, and the marker is written before
   * the first.
   */
  private final class Run {
    final RemoteShell shell;
    final Step step;
    final String context;
    final List<String> applied = new ArrayList<>();
    boolean marked;

    Run(RemoteShell shell, Step step) {
      this.shell = shell;
      this.step = step;
      this.context = "step " + step.id();
    }

    void aboutToChange() {
      if (!marked) {
        String marker = markerPath(step.id());
        shell.runOk(
            RemoteCommand.of(
                    "mkdir -p \"$(dirname " + quote(marker) + ")\" && : > " + quote(marker), QUICK)
                .withSummary("mark step " + step.id() + " pending"),
            context);
        marked = true;
      }
    }
  }

  public StepResult apply(RemoteShell shell, Step step) {
    long started = System.currentTimeMillis();
    Run run = new Run(shell, step);
    // Before the host is touched: a source outside the allowed roots fails the step as it stands.
    step.workerFiles().forEach(file -> WorkerFileSource.allowed(file, roots));
    Path bundle = step.bundle() == null ? null : WorkerFileSource.bundle(step.bundle(), roots);
    Map<String, List<String>> jobRecords = new LinkedHashMap<>();
    step.actions().stream()
        .filter(Action::detached)
        .map(a -> step.id() + "." + a.name())
        .forEach(
            job ->
                jobRecords.put(
                    job, List.of(detached.jobDir(job) + "/started", detached.failedLog(job))));
    StepSurvey survey = StepSurvey.take(shell, step, markerPath(step.id()), jobRecords);
    step.files().forEach(file -> holdFile(run, file, survey.state(file.path())));
    step.downloads()
        .forEach(download -> holdDownload(run, download, survey.state(download.path())));
    step.workerFiles().forEach(file -> holdWorkerFile(run, file, survey.state(file.path())));
    if (bundle != null) {
      holdBundle(run, step.bundle(), bundle, survey.state(step.bundle().locations()));
    }
    for (Action action : step.actions()) {
      runAction(run, action, survey);
    }
    if (run.marked || survey.pending()) {
      String cleanup =
          "rm -f "
              + quote(markerPath(step.id()))
              + " && rm -rf "
              + quote(detached.jobDir(step.id()))
              + ".*";
      shell.runOk(
          RemoteCommand.of(cleanup, QUICK).withSummary("clear step " + step.id()), run.context);
    }
    return new StepResult(
        shell.target().host(),
        step.id(),
        !run.applied.isEmpty(),
        List.copyOf(run.applied),
        System.currentTimeMillis() - started);
  }

  private void holdFile(Run run, FileSpec file, RemoteFileState state) {
    String owner = file.owner() == null ? DEFAULT_OWNER : file.owner();
    if (!state.hasContent(file.sha256())) {
      run.aboutToChange();
      RemoteFileWriter.write(
          run.shell,
          file.path(),
          file.mode(),
          owner,
          file.sha256(),
          RemoteCommand.Stdin.of(file.content()),
          run.context);
      run.applied.add("write " + file.path());
    } else if (!state.hasAttributes(file.mode(), owner)) {
      run.aboutToChange();
      RemoteFileWriter.fixAttributes(run.shell, file.path(), file.mode(), owner, run.context);
      run.applied.add("chmod " + file.path());
    }
  }

  /** Like a file, with its content completed here and its write kept out of the logs. */
  private void holdWorkerFile(Run run, WorkerFile file, RemoteFileState state) {
    String content = WorkerFileSource.completed(file, roots);
    String sha256 = Sha256.hex(content);
    String owner = file.owner() == null ? DEFAULT_OWNER : file.owner();
    if (!state.hasContent(sha256)) {
      run.aboutToChange();
      RemoteFileWriter.writeSecret(
          run.shell,
          file.path(),
          file.mode(),
          owner,
          sha256,
          RemoteCommand.Stdin.of(content),
          run.context);
      run.applied.add("write " + file.path() + " (completed on the worker)");
    } else if (!state.hasAttributes(file.mode(), owner)) {
      run.aboutToChange();
      RemoteFileWriter.fixAttributes(run.shell, file.path(), file.mode(), owner, run.context);
      run.applied.add("chmod " + file.path());
    }
  }

  /** Unpacks what the host lacks of the bundle, then holds its image locations like a file. */
  private void holdBundle(
      Run run, ServedBundle served, Path bundle, RemoteFileState locationsState) {
    BundleUpload.Result result =
        BundleUpload.upload(
            run.shell, bundle, served.directory(), run::aboutToChange, run.shell.heartbeat()::beat);
    if (result.sent() > 0) {
      run.applied.add(
          "unpack "
              + result.sent()
              + " bundle entries ("
              + result.bytesSent()
              + " bytes sent; "
              + result.kept()
              + " entries and "
              + result.bytesKept()
              + " bytes were there) to "
              + served.directory());
    }
    String locations = BundleRegistry.locations(bundle, served.directory());
    holdFile(run, FileSpec.of(served.locations(), "0644", locations), locationsState);
  }

  private void holdDownload(Run run, Download download, RemoteFileState state) {
    if (state.hasContent(download.sha256())) {
      return;
    }
    run.aboutToChange();
    Path local = cache.fetch(download, run.shell.heartbeat());
    RemoteFileWriter.write(
        run.shell,
        download.path(),
        modeOf(download),
        DEFAULT_OWNER,
        download.sha256().toLowerCase(),
        RemoteCommand.Stdin.of(local),
        run.context);
    run.applied.add("download " + download.name() + " to " + download.path());
  }

  private void runAction(Run run, Action action, StepSurvey survey) {
    boolean pendingBefore = survey.pending();
    Duration timeout =
        Duration.ofSeconds(
            action.timeoutSeconds() > 0 ? action.timeoutSeconds() : Action.DEFAULT_TIMEOUT_SECONDS);
    String context = run.context + " action " + action.name();
    String job = run.step.id() + "." + action.name();
    // A detached action on record since its step last completed (started, or failed) may have
    // left its check passing on a half-done effect (apt stopped mid-unpack by a reboot): it is
    // re-attached, read or run again rather than skipped on the check.
    if (!(action.detached() && survey.jobsOnRecord().contains(job))
        && notNeeded(run, action, timeout, pendingBefore)) {
      return;
    }
    run.aboutToChange();
    RemoteCommand command = RemoteCommand.of(action.run(), timeout);
    CommandResult result =
        action.detached()
            ? detached.run(run.shell, job, action.run(), timeout)
            : run.shell.run(command);
    if (!result.ok()) {
      throw run.shell.failure(context, command, result);
    }
    run.applied.add("run " + action.name());
    if (action.verify() != null) {
      run.shell.runOk(
          RemoteCommand.of(action.verify(), timeout).withSummary("verify " + action.name()),
          context);
    }
  }

  /**
   * An attempt of one of the step's detached actions failed and the step has not completed since:
   * the failed job's log is still on the host (a completed step clears its jobs).
   */
  public boolean failedBefore(RemoteShell shell, Step step) {
    String logs =
        step.actions().stream()
            .filter(Action::detached)
            .map(a -> "-e " + quote(detached.failedLog(step.id() + "." + a.name())))
            .reduce((a, b) -> a + " -o " + b)
            .orElse(null);
    return logs != null
        && shell
            .run(
                RemoteCommand.of("test " + logs, QUICK)
                    .withSummary("look for a failed attempt of step " + step.id()))
            .ok();
  }

  /** Its check passes, or it is a handler and nothing changed (nor was left pending). */
  private static boolean notNeeded(
      Run run, Action action, Duration timeout, boolean pendingBefore) {
    if (action.check() == null) {
      return !pendingBefore && run.applied.isEmpty();
    }
    return run.shell
        .run(RemoteCommand.of(action.check(), timeout).withSummary("check " + action.name()))
        .ok();
  }

  String markerPath(String stepId) {
    return baseDir + "/pending/" + stepId.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Archives are data, everything else a program: runc arrives as a bare binary. */
  private static String modeOf(Download download) {
    String path = download.path();
    boolean archive =
        path.endsWith(".tar.gz")
            || path.endsWith(".tgz")
            || path.endsWith(".tar")
            || path.endsWith(".zip");
    return archive ? "0644" : "0755";
  }
}
