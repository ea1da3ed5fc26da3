package io.kubeha.bundle;

/** A .deb in one of the bundle's apt repositories. */
public record BundlePackage(String name, String version, String repository, String entry) {}
