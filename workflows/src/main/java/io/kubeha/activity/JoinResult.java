package io.kubeha.activity;

/** adopted: the host had already joined and nothing was run. */
public record JoinResult(String host, boolean adopted, long millis) {}
