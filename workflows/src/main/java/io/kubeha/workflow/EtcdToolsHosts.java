package io.kubeha.workflow;

import java.util.List;

/**
 * An operation that needs etcdctl and etcdutl: on which control planes, and of which etcd release.
 */
interface EtcdToolsHosts {
  List<String> etcdToolHosts();

  String etcdVersion();
}
