package io.kubeha.workflow;

import io.kubeha.activity.EtcdSnapshot;
import java.util.List;

/**
 * The snapshot taken (where it is on the operator's side, its revision, keys, size, hash) and those
 * retention deleted.
 */
public record BackupResult(
    String cluster,
    EtcdSnapshot snapshot,
    List<String> pruned,
    List<PhaseOutcome> phases,
    List<String> warnings) {}
