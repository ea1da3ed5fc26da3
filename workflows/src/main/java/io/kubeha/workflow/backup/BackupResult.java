package io.kubeha.workflow.backup;

import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.workflow.engine.PhaseOutcome;
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
