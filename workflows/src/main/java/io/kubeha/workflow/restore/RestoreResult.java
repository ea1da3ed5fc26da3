package io.kubeha.workflow.restore;

import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.VerifyReport;
import io.kubeha.workflow.engine.PhaseOutcome;
import java.util.List;

/**
 * The snapshot restored (as etcdutl read it on the control planes), the members restored, the
 * verification.
 */
public record RestoreResult(
    String cluster,
    EtcdSnapshot snapshot,
    List<String> restored,
    VerifyReport verified,
    List<PhaseOutcome> phases,
    List<String> warnings) {}
