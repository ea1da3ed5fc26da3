package io.kubeha.plan;

/**
 * A bundle (`kubeha bundle create`) a step unpacks on its host and serves: source is the file on
 * the worker's machine, read when the step runs like a worker file's (field names the inventory
 * field, for errors); each entry is checked on the host against the bundle's index before it takes
 * its name under directory; locations is where the nginx locations of its images are written.
 */
public record ServedBundle(String source, String field, String directory, String locations) {}
