package io.kubeha.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** spec.hosts[i]: one machine, its address and its roles. */
public record HostSpec(
    String name, String address, List<String> roles, SshSpec ssh, NetworkSpec network) {

  public boolean has(Role role) {
    return roles != null && roles.contains(role.id());
  }

  /**
   * Runs kubelet: a control plane or a worker. Not a field: kept out of JSON (workflow payloads).
   */
  @JsonIgnore
  public boolean isNode() {
    return has(Role.CONTROL_PLANE) || has(Role.WORKER);
  }
}
