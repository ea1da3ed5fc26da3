package io.kubeha.activity;

/**
 * One probe of the check's workload: what was asked (ClusterIP 10.96.4.2:80, ...), from where (a
 * node, or a Pod), whether it answered as it should, and the answer or the error.
 */
public record WorkloadProbe(String what, String from, boolean ok, String detail) {

  /** "ok ClusterIP 10.96.4.2:80 from kube-worker-1: kubeha-check-5c9d-x2x7z" */
  public String line() {
    return (ok ? "ok      " : "FAILED  ") + what + " from " + from + ": " + detail;
  }
}
