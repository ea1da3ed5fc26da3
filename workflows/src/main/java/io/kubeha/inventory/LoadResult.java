package io.kubeha.inventory;

import java.util.List;

/**
 * What loading an inventory gave: the model (null when the text could not be read as an inventory
 * at all) and every problem found. The inventory is only fit for use when ok().
 */
public record LoadResult(Inventory inventory, List<Problem> problems) {

  public LoadResult {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return inventory != null && problems.isEmpty();
  }
}
