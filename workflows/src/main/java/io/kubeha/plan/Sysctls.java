package io.kubeha.plan;

import java.util.List;

/**
 * Kernel modules (overlay, br_netfilter) and the forwarding and bridge-netfilter sysctls every host
 * needs.
 */
public final class Sysctls {
  public static final String MODULES_FILE = "/etc/modules-load.d/k8s.conf";
  public static final String SYSCTL_FILE = "/etc/sysctl.d/k8s.conf";
  static final String MODULES = "overlay\nbr_netfilter\n";
  static final String SETTINGS =
      """
      net.ipv4.ip_forward = 1
      net.bridge.bridge-nf-call-iptables = 1
      net.bridge.bridge-nf-call-ip6tables = 1
      """;
  private static final String FORWARDING = "test \"$(sysctl -n net.ipv4.ip_forward)\" = 1";

  private Sysctls() {}

  /**
   * Loads the modules unless already there. A kernel with them built in, or without br_netfilter as
   * a module at all (a lab's network namespace), passes the check as it is.
   */
  public static Step kernelModules() {
    String overlay = "grep -qw overlay /proc/filesystems";
    String check =
        overlay + " && { test -d /proc/sys/net/bridge || ! modinfo br_netfilter >/dev/null 2>&1; }";
    String run =
        "for m in overlay br_netfilter; do modprobe \"$m\" || echo \"kubeha: cannot load $m\" >&2; done";
    return new Step(
        "kernel-modules",
        Phase.PREPARE_NODES,
        "Load the overlay and br_netfilter modules",
        List.of(FileSpec.of(MODULES_FILE, "0644", MODULES)),
        List.of(),
        List.of(
            new Action(
                "load-modules", check, run, overlay, false, Action.DEFAULT_TIMEOUT_SECONDS)));
  }

  /**
   * Applies only this file (sysctl --system would re-apply every distribution file too, some of
   * which a container-like host refuses); -e skips bridge keys a kernel does not have. Only IP
   * forwarding is verified: the bridge keys exist only where br_netfilter is loaded.
   */
  public static Step sysctl() {
    String check =
        FORWARDING
            + " && "
            + bridgeKeyIsOne("bridge-nf-call-iptables")
            + " && "
            + bridgeKeyIsOne("bridge-nf-call-ip6tables");
    return new Step(
        "sysctl",
        Phase.PREPARE_NODES,
        "Enable IP forwarding and bridge netfilter",
        List.of(FileSpec.of(SYSCTL_FILE, "0644", SETTINGS)),
        List.of(),
        List.of(
            new Action(
                "apply-sysctl",
                check,
                "sysctl -e -p " + SYSCTL_FILE,
                FORWARDING,
                false,
                Action.DEFAULT_TIMEOUT_SECONDS)));
  }

  private static String bridgeKeyIsOne(String key) {
    return "{ test ! -e /proc/sys/net/bridge/"
        + key
        + " || test \"$(sysctl -n net.bridge."
        + key
        + ")\" = 1; }";
  }
}
