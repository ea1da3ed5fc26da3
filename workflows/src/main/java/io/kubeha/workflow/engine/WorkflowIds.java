package io.kubeha.workflow.engine;

/** Workflow ids that say which cluster and host a run is about. */
public final class WorkflowIds {
  private WorkflowIds() {}

  private static final String PREFIX = "kubeha-";

  /** The bring-up of one cluster: kubeha-CLUSTER. */
  public static String cluster(String cluster) {
    return PREFIX + cluster;
  }

  /** The node prep of one host: kubeha-CLUSTER-HOST. */
  public static String host(String cluster, String host) {
    return PREFIX + cluster + "-" + host;
  }

  /**
   * One group of a big bring-up's hosts: kubeha-CLUSTER-hosts_N ('_' is in no host name, so no
   * host's id can take it).
   */
  public static String hostGroup(String cluster, int group) {
    return PREFIX + cluster + "-hosts_" + group;
  }

  /**
   * A check of the cluster's certificates, which runs beside any operation: kubeha-CLUSTER-certs.
   */
  public static String certificates(String cluster) {
    return PREFIX + cluster + "-certs";
  }

  /**
   * The Schedule renewing a cluster's certificates, and the id prefix of its runs:
   * kubeha-CLUSTER-certs-renewal.
   */
  public static String certificateSchedule(String cluster) {
    return PREFIX + cluster + "-certs-renewal";
  }

  /**
   * A cluster's etcd backup: the workflow id of `kubeha backup`, the id of the Schedule `backup
   * schedule` makes, and the prefix of its runs' ids: kubeha-CLUSTER-backup. A backup runs beside
   * any operation.
   */
  public static String backup(String cluster) {
    return PREFIX + cluster + "-backup";
  }

  /**
   * A cluster's workload check (`kubeha check`): kubeha-CLUSTER-check. It runs beside any
   * operation; a second check while one runs waits for the same answer.
   */
  public static String check(String cluster) {
    return PREFIX + cluster + "-check";
  }
}
