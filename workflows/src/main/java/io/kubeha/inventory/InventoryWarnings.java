package io.kubeha.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * What a valid inventory may still want changed: `validate` says it, nothing refuses it. Each
 * warning names its field and the change, like a problem does.
 */
public final class InventoryWarnings {
  private InventoryWarnings() {}

  public static List<String> of(Inventory inventory) {
    List<String> warnings = new ArrayList<>();
    NtpSpec ntp = inventory.spec().ntp();
    List<String> allow = ntp == null || ntp.allow() == null ? List.of() : ntp.allow();
    for (int i = 0; i < allow.size(); i++) {
      String entry = allow.get(i);
      if (Cidr.parse(entry).map(c -> c.prefix() == 0).orElse(false)) {
        warnings.add(
            "spec.ntp.allow["
                + i
                + "]: "
                + entry
                + " lets any host that reaches the NTP server use it as its time source — name the"
                + " nodes' own networks instead (e.g. 192.168.2.0/24)");
      }
    }
    return warnings;
  }
}
