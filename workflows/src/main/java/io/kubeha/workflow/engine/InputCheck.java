package io.kubeha.workflow.engine;

import io.kubeha.activity.Failures;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.InventoryValidator;
import io.kubeha.inventory.Problem;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The worker trusts no input: whoever can start a workflow drives root SSH on every node, so each
 * entry checks its inventory with the CLI's own validator and refuses, naming every field, before
 * anything touches a host.
 */
public final class InputCheck {
  /** Runs started before the check keep replaying without it. */
  public static final String CHANGE = "validate-input";

  private InputCheck() {}

  public static void inventory(Inventory inventory) {
    if (Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    List<Problem> problems = InventoryValidator.validate(inventory);
    if (!problems.isEmpty()) {
      throw refused(problems);
    }
  }

  /** The failure an invalid inventory ends a run with: every problem, each naming its field. */
  public static ApplicationFailure refused(List<Problem> problems) {
    return ApplicationFailure.newNonRetryableFailure(
        "the inventory is not valid, nothing was touched: "
            + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")),
        Failures.INVALID_INVENTORY);
  }
}
