/** Restoring etcd from a snapshot: ClusterRestore, its checks, its gate and the put-back. */
package io.kubeha.workflow.restore;
