package io.kubeha.inventory;

import java.util.List;

/** spec.options: optional steps and bounds. */
public record OptionsSpec(
    Boolean aptUpgrade,
    Boolean netplan,
    Integer workerConcurrency,
    List<String> allowedOs,
    Boolean proveFailover) {

  public static final int DEFAULT_WORKER_CONCURRENCY = 10;
  public static final List<String> DEFAULT_ALLOWED_OS = List.of("ubuntu-24.04");
}
