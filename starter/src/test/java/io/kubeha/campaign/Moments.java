package io.kubeha.campaign;

import io.kubeha.plan.Phase;
import java.util.List;

/**
 * When an operation's faults may strike: a phase that touches hosts, up to maxDelayMillis after the
 * run enters it; a step starting on a host (for operations too quick for phase moments), up to a
 * fifth of that after; or the instant a detached job whose name ends with jobSuffix has started on
 * a host (its effect under way, its result not recorded). Such jobs start from jobPhase on (where
 * the fault sorts) and none after lastJobPhase.
 */
record Moments(
    List<Phase> phases,
    List<Step> steps,
    int maxDelayMillis,
    String jobSuffix,
    Phase jobPhase,
    Phase lastJobPhase) {
  /** host starting step, the index-th of its chain, during phase. */
  record Step(Phase phase, String host, String step, int index) {}

  /**
   * A bring-up's phases: for runs phase by phase, and for an addition (`up` on a built cluster,
   * whose existing hosts have every step done already).
   */
  static final Moments BRING_UP_PHASES =
      new Moments(
          List.of(
              Phase.PREPARE_NODES,
              Phase.START_TIME_SERVER,
              Phase.SYNC_TIME_CLIENTS,
              Phase.CONFIGURE_LOAD_BALANCERS,
              Phase.INIT_FIRST_CONTROL_PLANE,
              Phase.INSTALL_CNI,
              Phase.JOIN_CONTROL_PLANES,
              Phase.JOIN_WORKERS,
              Phase.VERIFY_CLUSTER),
          List.of(),
          3000,
          ".join",
          Phase.JOIN_CONTROL_PLANES,
          Phase.JOIN_WORKERS);

  /** A fresh lab's bring-up as its graph runs it: its hosts' steps (GraphMoments). */
  static final Moments BRING_UP = GraphMoments.lab();
}
