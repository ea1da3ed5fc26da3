package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.LoadResult;
import io.kubeha.inventory.Problem;
import io.kubeha.inventory.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What validate reports: the verdict, a summary of a valid inventory, or every problem. */
public record ValidationReport(
    boolean valid,
    String file,
    String cluster,
    int hosts,
    Map<String, Integer> roles,
    String endpoint,
    String ntpServer,
    List<Problem> problems) {

  public static ValidationReport of(String file, LoadResult loaded) {
    if (!loaded.ok()) {
      return new ValidationReport(false, file, null, 0, Map.of(), null, null, loaded.problems());
    }
    Inventory inv = loaded.inventory();
    Map<String, Integer> roles = new LinkedHashMap<>();
    for (Role role : Role.values()) {
      int count = inv.hostsWith(role).size();
      if (count > 0) {
        roles.put(role.id(), count);
      }
    }
    return new ValidationReport(
        true,
        file,
        inv.clusterName(),
        inv.hosts().size(),
        roles,
        inv.controlPlaneEndpoint(),
        inv.ntpServer().name(),
        List.of());
  }

  /**
   * "OK runbook: 8 hosts (3 control-plane, ...), endpoint 192.168.2.100:16443, NTP server HA-LB-A".
   */
  public String summary() {
    String byRole =
        roles.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
    return "OK "
        + cluster
        + ": "
        + hosts
        + (hosts == 1 ? " host" : " hosts")
        + " ("
        + byRole
        + "), endpoint "
        + endpoint
        + ", NTP server "
        + ntpServer;
  }
}
