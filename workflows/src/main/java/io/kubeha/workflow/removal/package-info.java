/** Removing nodes: ClusterRemoveNodes, its rules, its gate and each node's chain. */
package io.kubeha.workflow.removal;
