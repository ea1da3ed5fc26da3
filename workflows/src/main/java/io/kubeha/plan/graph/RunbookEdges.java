package io.kubeha.plan.graph;

import static io.kubeha.plan.Phase.AWAIT_INIT_APPROVAL;
import static io.kubeha.plan.Phase.CONFIGURE_LOAD_BALANCERS;
import static io.kubeha.plan.Phase.INIT_FIRST_CONTROL_PLANE;
import static io.kubeha.plan.Phase.INSTALL_CNI;
import static io.kubeha.plan.Phase.JOIN_CONTROL_PLANES;
import static io.kubeha.plan.Phase.JOIN_WORKERS;
import static io.kubeha.plan.Phase.PREFLIGHT;
import static io.kubeha.plan.Phase.PREPARE_CONTROL_PLANE_JOINS;
import static io.kubeha.plan.Phase.PREPARE_NODES;
import static io.kubeha.plan.Phase.SERVE_BUNDLE;
import static io.kubeha.plan.Phase.START_TIME_SERVER;
import static io.kubeha.plan.Phase.SYNC_TIME_CLIENTS;
import static io.kubeha.plan.Phase.VERIFY_CLUSTER;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbook's real orders as edges, and only those: a phase is no barrier for hosts it does not
 * concern (the load balancers do not wait for the workers' prep; workers join while control planes
 * join one by one).
 */
final class RunbookEdges {
  private RunbookEdges() {}

  static BringUpGraph build(Inventory inv, Plan plan) {
    BringUpGraph.Builder g = new BringUpGraph.Builder();
    Task preflight = g.add(Task.ofCluster(PREFLIGHT), List.of());
    // Asked as soon as preflight is done: the operator approves while nodes are still prepared.
    Task approval = g.add(Task.ofCluster(AWAIT_INIT_APPROVAL), List.of(), preflight);
    for (HostPlan host : plan.hosts()) {
      // Each host's own order: its phases one after the other, from preflight on.
      Task previous = preflight;
      for (Phase phase : phasesOf(host)) {
        previous = g.add(Task.on(host.host(), phase), host.steps(phase), previous);
      }
    }
    // The NTP server serves before any client syncs.
    Task timeServer = Task.on(inv.ntpServer().name(), START_TIME_SERVER);
    if (g.has(timeServer)) {
      g.tasks(SYNC_TIME_CLIENTS).forEach(client -> g.need(client, timeServer));
    }
    // With a bundle the nodes fetch everything from the load balancers: a node's prep waits until
    // both serve it (either may hold the VIP).
    List<Task> serving = g.tasks(SERVE_BUNDLE);
    for (HostPlan host : plan.hosts()) {
      Task prep = Task.on(host.host(), PREPARE_NODES);
      if (g.has(prep) && !g.has(Task.on(host.host(), SERVE_BUNDLE))) {
        serving.forEach(s -> g.need(prep, s));
      }
    }
    // kubeadm init: the endpoint up on every load balancer and the approval given; the first
    // master's own order already has it prepared and its time synced.
    // (A partial plan, say one host's for a test, may have no init: its other edges stay.)
    Task init = Task.on(inv.firstControlPlane().name(), INIT_FIRST_CONTROL_PLANE);
    if (g.has(init)) {
      g.need(init, approval);
      g.tasks(CONFIGURE_LOAD_BALANCERS).forEach(lb -> g.need(init, lb));
    }
    // Joining control planes prepare (kubeadm's preflight and control-plane-prepare) after init,
    // all
    // at once; each one's join after its own prepare (its host's order).
    for (Task prepare : g.tasks(PREPARE_CONTROL_PLANE_JOINS)) {
      needIfThere(g, prepare, init);
    }
    // Control planes join after init, one at a time (etcd's safety); not after the CNI.
    Task previousJoin = init;
    for (Task join : g.tasks(JOIN_CONTROL_PLANES)) {
      needIfThere(g, join, init);
      needIfThere(g, join, previousJoin);
      previousJoin = join;
    }
    // Workers join after init and the CNI, beside the control planes' joins.
    Task cni = Task.on(inv.firstControlPlane().name(), INSTALL_CNI);
    for (Task join : g.tasks(JOIN_WORKERS)) {
      needIfThere(g, join, init);
      needIfThere(g, join, cni);
    }
    // Verify last: after every task.
    List<Task> all = g.tasks();
    g.add(Task.ofCluster(VERIFY_CLUSTER), List.of(), all.toArray(Task[]::new));
    return g.build();
  }

  private static void needIfThere(BringUpGraph.Builder g, Task task, Task first) {
    if (g.has(first)) {
      g.need(task, first);
    }
  }

  /** A host plan's phases in their order of first step. */
  private static List<Phase> phasesOf(HostPlan host) {
    List<Phase> phases = new ArrayList<>();
    host.steps()
        .forEach(
            s -> {
              if (!phases.contains(s.phase())) {
                phases.add(s.phase());
              }
            });
    return phases;
  }
}
