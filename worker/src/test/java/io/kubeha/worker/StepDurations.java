package io.kubeha.worker;

import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Task;

/**
 * How long each step takes in the simulation: the 8-host lab's measured phases (docs/BENCHMARKS.md
 * section 1, time scale 0.1) spread over their steps, times scale. kubeadm-packages alone took 19 s
 * of a node's 32 s of prep there; the other prep steps share the rest.
 */
record StepDurations(double scale) {
  static final long INSPECT = 2_000;
  static final long KUBEADM_PACKAGES = 19_000;
  static final long OTHER_PREP_STEP = 1_100;
  static final long TIME_SERVER_STEP = 700;
  static final long TIME_CLIENT_STEP = 2_200;
  static final long LOAD_BALANCER_STEP = 1_000;
  static final long INIT = 7_900;
  static final long CNI = 3_100;
  static final long JOIN_CONTROL_PLANE = 5_200;

  /**
   * A control plane's prepare (kubeadm join's preflight and control-plane-prepare). No measured log
   * splits a join between its phases yet, so the measured join stays whole on the serial step and
   * the simulated chain gains nothing from the split until the lab measures it.
   */
  static final long PREPARE_CONTROL_PLANE_JOIN = 0;

  static final long JOIN_WORKER = 4_500;
  static final long VERIFY = 400;

  long step(Step step) {
    long ms =
        switch (step.phase()) {
          case PREPARE_NODES ->
              step.id().equals("kubeadm-packages") ? KUBEADM_PACKAGES : OTHER_PREP_STEP;
          case START_TIME_SERVER -> TIME_SERVER_STEP;
          case SYNC_TIME_CLIENTS -> TIME_CLIENT_STEP;
          case CONFIGURE_LOAD_BALANCERS -> LOAD_BALANCER_STEP;
          case INIT_FIRST_CONTROL_PLANE -> INIT;
          case INSTALL_CNI -> CNI;
          case PREPARE_CONTROL_PLANE_JOINS -> PREPARE_CONTROL_PLANE_JOIN;
          case JOIN_CONTROL_PLANES -> JOIN_CONTROL_PLANE;
          case JOIN_WORKERS -> JOIN_WORKER;
          default -> 0;
        };
    return scaled(ms);
  }

  long inspect() {
    return scaled(INSPECT);
  }

  long verify() {
    return scaled(VERIFY);
  }

  /** A graph task's time: its steps' (or, cluster-wide, preflight's and verify's). */
  long task(BringUpGraph graph, Task task) {
    if (task.phase() == Phase.PREFLIGHT) {
      return inspect();
    }
    if (task.phase() == Phase.VERIFY_CLUSTER) {
      return verify();
    }
    return graph.steps(task).stream().mapToLong(this::step).sum();
  }

  private long scaled(long ms) {
    return Math.round(ms * scale);
  }
}
