package io.kubeha.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryWarningsTest {
  @Test
  void anNtpAllowOpenToEveryAddressIsWarnedNamingItsFieldAndTheInventoryStaysValid() {
    String yaml =
        RunbookInventory.text()
            .replace("allow: [192.168.2.0/24]", "allow: [192.168.2.0/24, 0.0.0.0/0]");
    LoadResult loaded = InventoryLoader.load(yaml, "open.yaml");
    assertTrue(loaded.ok(), loaded.problems()::toString);
    List<String> warnings = InventoryWarnings.of(loaded.inventory());
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(
        warnings.get(0).startsWith("spec.ntp.allow[1]: 0.0.0.0/0 lets any host"),
        warnings::toString);
  }

  @Test
  void theRunbooksOwnNetworkIsNotWarned() {
    LoadResult loaded = InventoryLoader.load(RunbookInventory.text(), "runbook.yaml");
    assertEquals(List.of(), InventoryWarnings.of(loaded.inventory()));
  }
}
