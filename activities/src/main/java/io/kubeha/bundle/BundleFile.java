package io.kubeha.bundle;

/** A release file of the plan (its name there, e.g. runc-1.3.4.amd64) and its bundle entry. */
public record BundleFile(String name, String entry, String sha256) {}
