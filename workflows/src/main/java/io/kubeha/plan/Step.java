package io.kubeha.plan;

import java.util.List;

/**
 * One idempotent unit of work on one host: files to hold, artifacts to fetch, then actions.
 *
 * <p>The executor writes each file whose SHA-256 differs, fetches each download whose file is
 * missing or wrong, completes and writes each worker file whose SHA-256 differs (see {@link
 * WorkerFile}), then runs each action whose check fails (see {@link Action}); it reports whether
 * anything was applied. The id is unique within a host, stable across runs ("hosts-block",
 * "containerd-install"). bundle: a bundle the worker unpacks on the host before the actions (see
 * {@link ServedBundle}), null in every other step.
 */
public record Step(
    String id,
    Phase phase,
    String title,
    List<FileSpec> files,
    List<Download> downloads,
    List<Action> actions,
    List<WorkerFile> workerFiles,
    ServedBundle bundle) {

  public Step {
    files = files == null ? List.of() : List.copyOf(files);
    downloads = downloads == null ? List.of() : List.copyOf(downloads);
    actions = actions == null ? List.of() : List.copyOf(actions);
    // Absent from steps recorded before worker files existed.
    workerFiles = workerFiles == null ? List.of() : List.copyOf(workerFiles);
  }

  /** A step without a bundle. */
  public Step(
      String id,
      Phase phase,
      String title,
      List<FileSpec> files,
      List<Download> downloads,
      List<Action> actions,
      List<WorkerFile> workerFiles) {
    this(id, phase, title, files, downloads, actions, workerFiles, null);
  }

  /** A step with no worker files: every other step. */
  public Step(
      String id,
      Phase phase,
      String title,
      List<FileSpec> files,
      List<Download> downloads,
      List<Action> actions) {
    this(id, phase, title, files, downloads, actions, List.of(), null);
  }
}
