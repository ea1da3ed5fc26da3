package io.kubeha.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Debian versions order as dpkg --compare-versions orders them. */
class DebVersionTest {
  @Test
  void ordersAsDpkg() {
    List<String> ascending =
        List.of(
            "1.0~rc1-1",
            "1.0-1",
            "1.0-1.1",
            "1.0-2",
            "1.0a-1",
            "1.9.0-1",
            "1.10.0-1",
            "1.37.2-1.1",
            "1.37.10-1.1",
            "0:2.0-1",
            "1:0.1-1");
    for (int i = 0; i + 1 < ascending.size(); i++) {
      DebVersion a = DebVersion.parse(ascending.get(i));
      DebVersion b = DebVersion.parse(ascending.get(i + 1));
      assertTrue(a.compareTo(b) < 0, a + " < " + b);
      assertTrue(b.compareTo(a) > 0, b + " > " + a);
    }
    assertEquals(0, DebVersion.parse("1.02-1").compareTo(DebVersion.parse("1.2-1")));
  }

  @Test
  void relationsHoldAsApt() {
    DebVersion v = DebVersion.parse("1.37.0-1.1");
    assertTrue(DebRelation.parse("cri-tools (>= 1.30.0)").allows(v));
    assertFalse(DebRelation.parse("cri-tools (<< 1.30.0)").allows(v));
    assertTrue(DebRelation.parse("cri-tools").allows(v));
    assertEquals("kubernetes-cni", DebRelation.parse("kubernetes-cni:any (>= 1.2.0)").name());
  }

  @Test
  void dependenciesOutsideTheRepositoryAreTheSystems() {
    String packages =
        """
        Package: kubelet
        Version: 1.37.2-1.1
        Architecture: amd64
        Depends: iptables (>= 1.4.21), kubernetes-cni (>= 1.2.0) | cni-plugins, conntrack
        Filename: amd64/kubelet.deb
        Size: 1
        SHA256: aa

        Package: kubernetes-cni
        Version: 1.8.0-1.1
        Architecture: amd64
        Filename: amd64/cni.deb
        Size: 1
        SHA256: bb
        """;
    DebSelection s =
        new DebSelection(DebPackage.parseAll(packages, "test")).add("kubelet", "1.37.2", "test");
    assertEquals(
        List.of("kubelet", "kubernetes-cni"), s.packages().stream().map(DebPackage::name).toList());
    assertEquals(List.of("conntrack", "iptables (>= 1.4.21)"), s.fromOs());
  }
}
