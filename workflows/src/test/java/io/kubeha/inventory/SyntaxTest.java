package io.kubeha.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyntaxTest {
  /** Each pattern that guards a value reaching a shell, with a value it accepts. */
  private static final Map<Pattern, String> GUARDS =
      Map.ofEntries(
          Map.entry(Syntax.DNS_LABEL, "prod-a"),
          Map.entry(Syntax.HOSTNAME, "HA-LB-A"),
          Map.entry(Syntax.NODE_NAME, "kube-master-1"),
          Map.entry(Syntax.POSIX_USER, "ubuntu"),
          Map.entry(Syntax.INTERFACE, "enp1s0"),
          Map.entry(Syntax.VERSION, "1.32.0"),
          Map.entry(Syntax.IMAGE_REFERENCE, "registry.k8s.io/pause:3.10"),
          Map.entry(Syntax.IMAGE_REPOSITORY, "registry.k8s.io"),
          Map.entry(Syntax.HTTP_URL, "http://198.18.0.1:8080/apt"),
          Map.entry(Syntax.FILE_NAME, "runc.amd64"),
          Map.entry(Syntax.OS_ID, "ubuntu-24.04"));

  private static final List<String> HOSTILE =
      List.of(";", "$(id)", "`id`", "'", "\"", " ", "\n", "|", "&", ">", "<", "\\", "*", "?");

  @Test
  void noGuardAcceptsShellMetacharacters() {
    GUARDS.forEach(
        (pattern, good) -> {
          assertTrue(Syntax.matches(pattern, good), pattern + " accepts " + good);
          for (String bad : HOSTILE) {
            assertFalse(Syntax.matches(pattern, good + bad), pattern + " rejects " + good + bad);
            assertFalse(Syntax.matches(pattern, bad + good), pattern + " rejects " + bad + good);
          }
        });
  }

  @Test
  void ipv4IsStrict() {
    assertEquals(Optional.of(0xC0A8020BL), boxed(Ipv4.parse("192.168.2.11")));
    for (String bad :
        List.of(
            "192.168.2",
            "192.168.2.11.1",
            "192.168.02.11",
            "256.1.1.1",
            "1.1.1.1 ",
            "0x1.1.1.1",
            "",
            "a.b.c.d")) {
      assertTrue(Ipv4.parse(bad).isEmpty(), bad);
    }
    assertEquals("10.0.0.255", Ipv4.format(0x0A0000FFL));
  }

  @Test
  void cidrArithmetic() {
    Cidr net = Cidr.parse("192.168.2.0/24").orElseThrow();
    assertTrue(net.aligned());
    assertTrue(net.contains(Ipv4.parse("192.168.2.100").getAsLong()));
    assertFalse(net.contains(Ipv4.parse("192.168.3.1").getAsLong()));
    assertEquals(Ipv4.parse("192.168.2.255").getAsLong(), net.broadcast());
    assertFalse(Cidr.parse("10.244.1.0/16").orElseThrow().aligned());
    assertTrue(
        Cidr.parse("10.96.0.0/12")
            .orElseThrow()
            .overlaps(Cidr.parse("10.100.0.0/16").orElseThrow()));
    assertFalse(
        Cidr.parse("10.96.0.0/12")
            .orElseThrow()
            .overlaps(Cidr.parse("10.244.0.0/16").orElseThrow()));
    assertEquals("0.0.0.0/0", Cidr.parse("0.0.0.0/0").orElseThrow().toString());
    for (String bad :
        List.of("10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0/8")) {
      assertTrue(Cidr.parse(bad).isEmpty(), bad);
    }
  }

  @Test
  void suggestionsOnlyForCloseNames() {
    List<String> known = List.of("vip", "port", "interface", "virtualRouterId");
    assertEquals(Optional.of("virtualRouterId"), Suggestions.closest("virtualRouterID", known));
    assertEquals(Optional.of("interface"), Suggestions.closest("interfce", known));
    assertEquals(Optional.of("vip"), Suggestions.closest("vipp", known));
    assertEquals(Optional.empty(), Suggestions.closest("mirror", known));
  }

  private static Optional<Long> boxed(java.util.OptionalLong value) {
    return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
  }
}
