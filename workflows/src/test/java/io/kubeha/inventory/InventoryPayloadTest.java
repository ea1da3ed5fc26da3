package io.kubeha.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;

class InventoryPayloadTest {
  @Test
  void loadedInventoryRoundTripsThroughTemporalsDataConverter() {
    Inventory inv = InventoryLoader.load(RunbookInventory.text(), "runbook.yaml").inventory();
    var converter = DefaultDataConverter.STANDARD_INSTANCE;
    var payload = converter.toPayload(inv).orElseThrow();
    assertFalse(
        payload.getData().toStringUtf8().contains("\"node\""), "helper methods are not fields");
    assertEquals(inv, converter.fromPayload(payload, Inventory.class, Inventory.class));
  }
}
