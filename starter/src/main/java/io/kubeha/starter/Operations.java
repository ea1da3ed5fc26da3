package io.kubeha.starter;

/** The operations kubeha runs on a cluster, by workflow type, as an operator reads them. */
final class Operations {
  static final String BRING_UP = "ClusterBringUp";
  static final String REMOVE_NODES = "ClusterRemoveNodes";
  static final String RESET = "ClusterReset";
  static final String UPGRADE = "ClusterUpgrade";
  static final String CERTIFICATES = "ClusterCertificates";
  static final String RESTORE = "ClusterRestore";
  static final String BACKUP = "ClusterBackup";
  static final String CHECK = "ClusterCheck";

  /** Every workflow type an operator may watch end. */
  static final java.util.List<String> ALL =
      java.util.List.of(
          BRING_UP, REMOVE_NODES, RESET, UPGRADE, CERTIFICATES, RESTORE, BACKUP, CHECK);

  private Operations() {}

  /** "the bring-up", "the removal of nodes", ... */
  static String describe(String workflowType) {
    return switch (workflowType) {
      case BRING_UP -> "the bring-up";
      case REMOVE_NODES -> "the removal of nodes";
      case RESET -> "the reset";
      case UPGRADE -> "the upgrade";
      case CERTIFICATES -> "the certificate renewal";
      case RESTORE -> "the restore of etcd";
      case BACKUP -> "the etcd backup";
      case CHECK -> "the workload check";
      default -> "the operation " + workflowType;
    };
  }
}
