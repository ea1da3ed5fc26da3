package io.kubeha.activity;

import io.kubeha.inventory.Inventory;

/** The cluster and its etcd's version (read from the cluster) to install etcdctl and etcdutl of. */
public record RenderEtcdToolsInput(Inventory inventory, String etcdVersion) {}
