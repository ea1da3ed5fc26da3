package io.kubeha.bundle;

/**
 * An image in the bundle's OCI layout: its public name, the digest its tag resolved to (an index or
 * a manifest, as the source served it), and where it came from.
 */
public record BundleImage(String name, String digest, String mediaType, long size, String source) {}
