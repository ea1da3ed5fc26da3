package io.kubeha.bundle;

/** One file of a bundle: its name in the archive, size, SHA-256, and the URL it came from. */
public record BundleEntry(String name, long size, String sha256, String source) {}
