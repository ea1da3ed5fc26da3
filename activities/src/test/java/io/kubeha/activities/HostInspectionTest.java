package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.HostFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostInspectionTest {
  @Test
  void parsesEveryFact() {
    String output =
        String.join(
            "\n",
            "sudo=yes",
            "os=ubuntu-24.04",
            "arch=x86_64",
            "hostname=kube-master-1",
            "mac=52:54:00:aa:bb:01",
            "mac=52:54:00:aa:bb:02",
            "uuid=4c4c4544-0001",
            "cpus=2",
            "memkb=4039112",
            "clock=1767225600123",
            "listen=0.0.0.0:22",
            "listen=[::]:22",
            "listen=127.0.0.1:10250",
            "listen=*:6443",
            "joined=no");
    HostFacts facts = HostInspection.parse("kube-master-1", output, List.of(6443, 10250, 2379));
    assertEquals("ubuntu-24.04", facts.os());
    assertEquals("x86_64", facts.arch());
    assertEquals(List.of("52:54:00:aa:bb:01", "52:54:00:aa:bb:02"), facts.macAddresses());
    assertEquals("4c4c4544-0001", facts.productUuid());
    assertEquals(2, facts.cpus());
    assertEquals(3944, facts.memoryMiB());
    assertEquals(1767225600123L, facts.clockMillis());
    assertEquals(List.of(10250, 6443), facts.portsInUse());
    assertTrue(facts.sudoWorks());
    assertFalse(facts.joined());
  }
}
