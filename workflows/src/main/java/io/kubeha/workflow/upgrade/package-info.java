/** The rolling upgrade: ClusterUpgrade, its gate, its check and the node-by-node roll. */
package io.kubeha.workflow.upgrade;
