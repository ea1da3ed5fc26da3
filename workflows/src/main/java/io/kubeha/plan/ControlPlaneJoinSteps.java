package io.kubeha.plan;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.util.List;

/**
 * A control plane's join as two steps ({@link PlanRenderer.ControlPlaneJoin#PREPARE_THEN_JOIN}).
 * The prepare step runs kubeadm join's preflight (its image pulls too) and control-plane-prepare
 * (the shared certificates downloaded, this host's certificates, kubeconfigs and static Pod
 * manifests): it changes nothing in the cluster, so every joining control plane runs it at once.
 * The join step runs the phases left (check-etcd, kubelet-start, etcd-join, kubelet-wait-bootstrap,
 * control-plane-join, wait-control-plane), which add an etcd member: one control plane at a time.
 */
public final class ControlPlaneJoinSteps {
  public static final String PREPARE_ID = "kubeadm-join-prepare";
  public static final String JOIN_ID = "kubeadm-join";

  /** kubeadm join's phases the prepare step runs and the join step skips. */
  static final String PREPARED_PHASES = "preflight,control-plane-prepare";

  private static final String KUBELET_CONF = "test -f /etc/kubernetes/kubelet.conf";
  private static final String API_SERVER_MANIFEST =
      "test -f /etc/kubernetes/manifests/kube-apiserver.yaml";

  private ControlPlaneJoinSteps() {}

  /** kubeadm join's preflight and control-plane-prepare phases, with the filled config at path. */
  public static String prepare(String config) {
    String c = Shell.quote(config);
    return "kubeadm join phase preflight --config "
        + c
        + " && kubeadm join phase control-plane-prepare all --config "
        + c;
  }

  /** kubeadm join without the phases {@link #prepare} ran. */
  public static String rest(String config) {
    return "kubeadm join --config " + Shell.quote(config) + " --skip-phases " + PREPARED_PHASES;
  }

  /**
   * PREPARE_CONTROL_PLANE_JOINS: the join config template (the secrets are filled in on the host),
   * then preflight and control-plane-prepare; a failed prepare removes the filled config.
   */
  public static Step prepareStep(Inventory inv, HostSpec host) {
    String config = JoinConfigTemplate.CONFIG_PATH;
    String run =
        prepare(config)
            + "; rc=$?; test $rc -eq 0 || rm -f "
            + Shell.quote(config)
            + "; test $rc -eq 0";
    return new Step(
        PREPARE_ID,
        Phase.PREPARE_CONTROL_PLANE_JOINS,
        "Prepare the control-plane join",
        List.of(
            FileSpec.of(
                JoinConfigTemplate.TEMPLATE_PATH, "0600", JoinConfigTemplate.content(inv, host))),
        List.of(),
        List.of(
            new Action(
                PREPARE_ID,
                KUBELET_CONF,
                run,
                API_SERVER_MANIFEST,
                true,
                JoinConfigTemplate.JOIN_TIMEOUT_SECONDS)));
  }

  /**
   * JOIN_CONTROL_PLANES: the phases left, on the config the prepare step filled in, which is
   * removed afterwards; skipped once kubelet.conf exists.
   */
  public static Step joinStep() {
    String config = JoinConfigTemplate.CONFIG_PATH;
    String run = rest(config) + "; rc=$?; rm -f " + Shell.quote(config) + "; test $rc -eq 0";
    return new Step(
        JOIN_ID,
        Phase.JOIN_CONTROL_PLANES,
        "Join as a control plane (the phases after the prepare)",
        List.of(),
        List.of(),
        List.of(
            new Action(
                JOIN_ID,
                KUBELET_CONF,
                run,
                KUBELET_CONF,
                true,
                JoinConfigTemplate.JOIN_TIMEOUT_SECONDS)));
  }
}
