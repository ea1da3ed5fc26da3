package io.kubeha.inventory;

import java.util.Arrays;
import java.util.Optional;

/** The roles a host may have, spelled as in the inventory. */
public enum Role {
  CONTROL_PLANE("control-plane"),
  WORKER("worker"),
  LOAD_BALANCER("load-balancer"),
  NTP_SERVER("ntp-server");

  private final String id;

  Role(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Role> parse(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
