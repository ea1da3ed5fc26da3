package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DnsQueryTest {
  @Test
  void asksForAnARecordWithRecursionDesired() {
    assertArrayEquals(
        HexFormat.of().parseHex("4b48010000010000000000000161026b3800000100 01".replace(" ", "")),
        DnsQuery.question("a.k8"));
  }

  @Test
  void onlyAnAnswerToOurQuestionWithRecordsCounts() {
    String header = "4b48 8180 0001 0001 0000 0000";
    assertTrue(DnsQuery.answered(spaced(header + " 01610000010001")));
    assertFalse(DnsQuery.answered(spaced("4b48 8183 0001 0000 0000 0000")), "NXDOMAIN");
    assertFalse(DnsQuery.answered(spaced("4b48 8180 0001 0000 0000 0000")), "no records");
    assertFalse(DnsQuery.answered(spaced("1234 8180 0001 0001 0000 0000")), "another id");
    assertFalse(DnsQuery.answered(""), "no answer (dd timed out)");
  }

  @Test
  void readsTheAddressesOfTheARecordsAfterTheQuestion() {
    String question = "4b48 8180 0001 0002 0000 0000 01610000010001";
    String answers =
        "c00c 0001 0001 00000005 0004 0a600402" // a pointer to the question's name
            + " 0161 00 0005 0001 00000005 0002 c00c" // a CNAME, skipped
            + " c00c 0001 0001 00000005 0004 0a600403";
    assertEquals(
        java.util.List.of("10.96.4.2"),
        DnsQuery.addresses(spaced(question + " " + answers)),
        "two answers counted: the second is the CNAME");
    assertEquals(
        java.util.List.of(),
        DnsQuery.addresses(spaced(question + " c00c 0001 0001 00000005 0004 0a60")),
        "cut short");
    assertEquals(java.util.List.of(), DnsQuery.addresses(spaced("4b48 8183 0001 0000 0000 0000")));
  }

  @Test
  void nothingButAnAddressAndLabelsReachTheShell() {
    assertThrows(IllegalArgumentException.class, () -> DnsQuery.command("10.96.0.10;id", "a.b"));
    assertThrows(IllegalArgumentException.class, () -> DnsQuery.question("a..b"));
    String command = DnsQuery.command("10.96.0.10", "kubernetes.default.svc.cluster.local");
    assertFalse(command.contains("kubernetes"), command);
  }

  /** od -An -tx1's layout: bytes as two hex digits separated by spaces. */
  private static String spaced(String hex) {
    return " " + String.join(" ", hex.replace(" ", "").split("(?<=\\G..)")) + "\n";
  }
}
