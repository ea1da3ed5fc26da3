package io.kubeha.workflow.engine;

import java.util.List;

/** How many of a phase's steps changed something, of how many. */
public record StepTally(int applied, int total) {

  public static final StepTally NONE = new StepTally(0, 0);

  public static StepTally one(boolean changed) {
    return new StepTally(changed ? 1 : 0, 1);
  }

  public static StepTally sum(List<StepTally> tallies) {
    return new StepTally(
        tallies.stream().mapToInt(StepTally::applied).sum(),
        tallies.stream().mapToInt(StepTally::total).sum());
  }
}
