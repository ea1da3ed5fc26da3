package io.kubeha.workflow.engine;

import io.kubeha.activity.SshTarget;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.OptionsSpec;
import io.kubeha.plan.OperationSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every day-2 operation's phases share: the inventory, the hosts board, the bound, warnings.
 */
public class OperationContext {
  private final Inventory inventory;
  private final HostBoard board;
  private final Runnable onProgress;
  private final List<String> warnings = new ArrayList<>();
  private OperationSteps steps;

  /** shown: the hosts on the board, each with its number of steps. */
  public OperationContext(
      Inventory inventory,
      List<HostSpec> shown,
      Function<HostSpec, Integer> steps,
      Runnable onProgress) {
    this.inventory = inventory;
    this.board = new HostBoard(shown, steps);
    this.onProgress = onProgress;
  }

  /** The plan steps the run applies, fetched as it starts (reset, upgrade: RenderedSteps). */
  public OperationSteps renderedSteps() {
    return steps;
  }

  public void renderedSteps(OperationSteps steps) {
    this.steps = steps;
  }

  public Inventory inventory() {
    return inventory;
  }

  public HostBoard board() {
    return board;
  }

  public SshTarget target(String host) {
    return Targets.of(inventory, host);
  }

  public int concurrency() {
    OptionsSpec options = inventory.spec().options();
    return options == null || options.workerConcurrency() == null
        ? OptionsSpec.DEFAULT_WORKER_CONCURRENCY
        : options.workerConcurrency();
  }

  public void report(HostProgress progress) {
    board.apply(progress);
    onProgress.run();
  }

  /** The run's details changed otherwise (a gate, a stop): refresh what the UI shows. */
  public void onChange() {
    onProgress.run();
  }

  public void warn(String warning) {
    warnings.add(warning);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }
}
