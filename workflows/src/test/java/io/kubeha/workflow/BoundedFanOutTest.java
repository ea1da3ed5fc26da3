package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.workflow.engine.BoundedFanOut;
import org.junit.jupiter.api.Test;

class BoundedFanOutTest {

  @Test
  void aHostIsNamedOnceInItsFailureLine() {
    assertEquals(
        "m1: no route to the lab host",
        BoundedFanOut.hostLine("m1", "m1: no route to the lab host"));
    assertEquals("m1: exit 1", BoundedFanOut.hostLine("m1", "exit 1"));
    assertEquals("m1: failed without a message", BoundedFanOut.hostLine("m1", ""));
    assertEquals("m1: m10: unrelated", BoundedFanOut.hostLine("m1", "m10: unrelated"));
  }
}
