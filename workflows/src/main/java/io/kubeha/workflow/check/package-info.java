/** The cluster check: ClusterCheck verifies the cluster and runs a test workload. */
package io.kubeha.workflow.check;
