package io.kubeha.activity;

import java.util.List;

/**
 * What a step did: changed is false when everything was already in place. applied names what was
 * done.
 */
public record StepResult(
    String host, String stepId, boolean changed, List<String> applied, long millis) {}
