/** Resetting the cluster: ClusterReset, its gate, the load balancers stopped, every node reset. */
package io.kubeha.workflow.reset;
