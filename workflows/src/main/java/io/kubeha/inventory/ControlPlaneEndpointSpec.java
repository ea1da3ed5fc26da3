package io.kubeha.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;

/** spec.controlPlaneEndpoint: the VIP keepalived holds and the port nginx listens on. */
public record ControlPlaneEndpointSpec(
    String vip,
    Integer port,
    @JsonProperty("interface") String networkInterface,
    Integer virtualRouterId) {

  public static final int DEFAULT_PORT = 16443;
  public static final String DEFAULT_INTERFACE = "enp1s0";
  public static final int DEFAULT_VIRTUAL_ROUTER_ID = 51;
}
