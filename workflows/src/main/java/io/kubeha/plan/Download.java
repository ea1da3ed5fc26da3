package io.kubeha.plan;

/**
 * A release file a step needs on a host at path, verified by SHA-256.
 *
 * <p>url is where it comes from (the mirror when the inventory names one); the worker fetches it
 * once per run into a cache keyed by sha256 and uploads it, or the host fetches it from the mirror.
 */
public record Download(String name, String url, String sha256, String path) {}
