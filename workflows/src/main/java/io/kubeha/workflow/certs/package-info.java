/** Control-plane certificates: ClusterCertificates checks their expiry and renews them. */
package io.kubeha.workflow.certs;
