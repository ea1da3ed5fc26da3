package io.kubeha.activity;

/** adopted: the host had already joined (or, for a prepare, was prepared) and nothing was run. */
public record JoinResult(String host, boolean adopted, long millis) {}
