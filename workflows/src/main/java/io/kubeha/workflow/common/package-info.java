/**
 * What several operations share and no engine piece is: etcd's tools (backup, restore), the
 * VerifyCluster input (bring-up, check, restore), the LBs' upstreams (removal, certificates).
 */
package io.kubeha.workflow.common;
