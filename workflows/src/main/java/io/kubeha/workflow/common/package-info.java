/** Phases that several operations share (etcd's tools for backup and restore). */
package io.kubeha.workflow.common;
