package io.kubeha.workflow;

import java.util.List;

/** How many of a phase's steps changed something, of how many. */
record StepTally(int applied, int total) {

  static final StepTally NONE = new StepTally(0, 0);

  static StepTally one(boolean changed) {
    return new StepTally(changed ? 1 : 0, 1);
  }

  static StepTally sum(List<StepTally> tallies) {
    return new StepTally(
        tallies.stream().mapToInt(StepTally::applied).sum(),
        tallies.stream().mapToInt(StepTally::total).sum());
  }
}
