package io.kubeha.workflow.common;

import java.util.List;

/**
 * An operation that needs etcdctl and etcdutl: on which control planes, and of which etcd release.
 */
public interface EtcdToolsHosts {
  List<String> etcdToolHosts();

  String etcdVersion();
}
