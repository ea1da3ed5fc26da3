package io.kubeha.activity;

/**
 * A snapshot file on the operator's side: its SHA-256 and size, and kubeha's record of it when
 * there is one (else null).
 */
public record LocalSnapshot(String path, String sha256, long size, EtcdSnapshot record) {}
