package io.kubeha.plan.daytwo;

import static io.kubeha.plan.Shell.quote;

import java.util.List;

/**
 * A control plane's static Pod and the local endpoint that answers 2xx while it is healthy
 * (kubeadm's defaults). Its manifest moved out of /etc/kubernetes/manifests (parked) stops the Pod;
 * moved back, starts it.
 */
public record StaticPod(String name, String health) {
  public static final String MANIFESTS = "/etc/kubernetes/manifests";
  public static final String PARKED = "/etc/kubernetes/kubeha-parked";

  public static final StaticPod ETCD = new StaticPod("etcd", "http://127.0.0.1:2381/health");
  public static final StaticPod API_SERVER =
      new StaticPod("kube-apiserver", "https://127.0.0.1:6443/readyz");
  public static final StaticPod CONTROLLER_MANAGER =
      new StaticPod("kube-controller-manager", "https://127.0.0.1:10257/healthz");
  public static final StaticPod SCHEDULER =
      new StaticPod("kube-scheduler", "https://127.0.0.1:10259/healthz");

  /** etcd first: the API server on the node reads through it. */
  public static final List<StaticPod> CONTROL_PLANE =
      List.of(ETCD, API_SERVER, CONTROLLER_MANAGER, SCHEDULER);

  /** What runs on etcd: started once etcd is healthy. */
  public static final List<StaticPod> ABOVE_ETCD =
      List.of(API_SERVER, CONTROLLER_MANAGER, SCHEDULER);

  /** etcd last: nothing may write to it between its stop and a restore (or a put-back). */
  public static final List<StaticPod> ETCD_LAST =
      List.of(API_SERVER, CONTROLLER_MANAGER, SCHEDULER, ETCD);

  public String manifest() {
    return MANIFESTS + "/" + name + ".yaml";
  }

  public String parked() {
    return PARKED + "/" + name + ".yaml";
  }

  /** Stops the Pod: its manifest parked, unless an earlier attempt did. */
  public String park() {
    return "test -f "
        + quote(parked())
        + " || { mkdir -p "
        + PARKED
        + " && mv "
        + quote(manifest())
        + " "
        + quote(parked())
        + "; }";
  }

  /** Starts the Pod: its manifest back, unless an earlier attempt did. */
  public String unpark() {
    return "test ! -f " + quote(parked()) + " || mv " + quote(parked()) + " " + quote(manifest());
  }

  /** What a stop waits for: nothing listens on the health endpoint any more. */
  public String stopped() {
    return name + " stopped: nothing answers on " + health;
  }

  /** What a start waits for: the health endpoint answers 2xx. */
  public String started() {
    return name + " healthy: " + health + " answers 2xx";
  }
}
