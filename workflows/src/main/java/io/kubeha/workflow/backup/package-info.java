/** Backing up etcd: ClusterBackup, the healthy member chosen and its snapshot taken. */
package io.kubeha.workflow.backup;
