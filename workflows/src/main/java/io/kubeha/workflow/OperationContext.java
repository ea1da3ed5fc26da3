package io.kubeha.workflow;

import io.kubeha.activity.SshTarget;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.OptionsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every day-2 operation's phases share: the inventory, the hosts board, the bound, warnings.
 */
class OperationContext {
  private final Inventory inventory;
  private final HostBoard board;
  private final Runnable onProgress;
  private final List<String> warnings = new ArrayList<>();

  /** shown: the hosts on the board, each with its number of steps. */
  OperationContext(
      Inventory inventory,
      List<HostSpec> shown,
      Function<HostSpec, Integer> steps,
      Runnable onProgress) {
    this.inventory = inventory;
    this.board = new HostBoard(shown, steps);
    this.onProgress = onProgress;
  }

  Inventory inventory() {
    return inventory;
  }

  HostBoard board() {
    return board;
  }

  SshTarget target(String host) {
    return Targets.of(inventory, host);
  }

  int concurrency() {
    OptionsSpec options = inventory.spec().options();
    return options == null || options.workerConcurrency() == null
        ? OptionsSpec.DEFAULT_WORKER_CONCURRENCY
        : options.workerConcurrency();
  }

  void report(HostProgress progress) {
    board.apply(progress);
    onProgress.run();
  }

  /** The run's details changed otherwise (a gate, a stop): refresh what the UI shows. */
  void onChange() {
    onProgress.run();
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }
}
