package io.kubeha.workflow.engine;

import io.kubeha.plan.Phase;
import java.util.List;

/**
 * One host's progress. stepsDone/stepsTotal count the host's plan steps across phases; attempts is
 * the attempt number of the current step; lastError is the most recent error seen on the host;
 * state names where a day-2 operation is with the node (waiting, draining, upgrading, done, failed;
 * see NodeStates), null in a bring-up.
 */
public record HostStatus(
    String host,
    List<String> roles,
    Phase phase,
    String currentStep,
    int stepsDone,
    int stepsTotal,
    int attempts,
    String lastError,
    String state) {}
