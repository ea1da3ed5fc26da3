package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.activity.HostFacts;
import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.bringup.PreflightFinding;
import io.kubeha.workflow.bringup.PreflightFinding.Severity;
import io.kubeha.workflow.bringup.PreflightRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What preflight makes of the facts it saw. */
class PreflightRulesTest {
  private final Inventory inv = TestInventories.ha(10);

  @Test
  void healthyHostsGiveNoFinding() {
    assertEquals(List.of(), PreflightRules.judge(inv, facts()));
  }

  @Test
  void aSharedMacAddressIsAnErrorNamingBothHosts() {
    List<HostFacts> facts = facts();
    facts.set(4, withMacs(facts.get(4), List.of("52:54:00:AA:BB:CC")));
    facts.set(6, withMacs(facts.get(6), List.of("52:54:00:aa:bb:cc", "00:00:00:00:00:00")));
    facts.set(7, withMacs(facts.get(7), List.of("00:00:00:00:00:00")));
    assertEquals(
        List.of(
            new PreflightFinding(
                Severity.ERROR,
                List.of("kube-worker-2", "HA-LB-A"),
                "share the MAC address 52:54:00:aa:bb:cc (cloned VMs? kubeadm needs it unique per node)")),
        PreflightRules.judge(inv, facts));
  }

  @Test
  void aSmallControlPlaneIsAnErrorButASmallWorkerIsNot() {
    List<HostFacts> facts = facts();
    facts.set(0, sized(facts.get(0), 1, 1024));
    facts.set(3, sized(facts.get(3), 1, 1024));
    List<PreflightFinding> findings = PreflightRules.judge(inv, facts);
    assertEquals(
        List.of(
            "kube-master-1: 1 CPU(s), a control plane needs at least 2",
            "kube-master-1: 1024 MiB of memory, a control plane needs at least 1700 MiB"),
        findings.stream().map(PreflightFinding::toString).toList());
  }

  @Test
  void anOsNotAllowedAndBrokenSudoAreErrors() {
    List<HostFacts> facts = facts();
    HostFacts w = facts.get(5);
    facts.set(
        5,
        new HostFacts(
            w.host(),
            "ubuntu-22.04",
            w.arch(),
            w.hostname(),
            w.macAddresses(),
            w.productUuid(),
            w.cpus(),
            w.memoryMiB(),
            w.clockMillis(),
            w.portsInUse(),
            false,
            w.joined()));
    List<PreflightFinding> findings = PreflightRules.judge(inv, facts);
    assertEquals(
        List.of(Severity.ERROR, Severity.ERROR),
        findings.stream().map(PreflightFinding::severity).toList());
    assertEquals(List.of("kube-worker-3"), findings.get(0).hosts());
    assertEquals(
        "kube-worker-3: OS ubuntu-22.04 is not allowed (allowed: ubuntu-24.04; "
            + "set spec.options.allowedOs to allow it)",
        findings.get(1).toString());
  }

  @Test
  void portsInUseAndClockSkewAreOnlyWarnings() {
    List<HostFacts> facts = facts();
    HostFacts m = facts.get(0);
    facts.set(
        0,
        new HostFacts(
            m.host(),
            m.os(),
            m.arch(),
            m.hostname(),
            m.macAddresses(),
            m.productUuid(),
            m.cpus(),
            m.memoryMiB(),
            m.clockMillis() - 600,
            List.of(6443, 10250),
            true,
            true));
    HostFacts lb = facts.get(7);
    facts.set(
        7,
        new HostFacts(
            lb.host(),
            lb.os(),
            lb.arch(),
            lb.hostname(),
            lb.macAddresses(),
            lb.productUuid(),
            lb.cpus(),
            lb.memoryMiB(),
            lb.clockMillis() + 500,
            lb.portsInUse(),
            true,
            false));
    assertEquals(
        List.of(
            new PreflightFinding(
                Severity.WARNING,
                List.of("kube-master-1"),
                "ports already in use: [6443, 10250] (the host already joined the cluster)"),
            new PreflightFinding(
                Severity.WARNING,
                List.of("kube-master-1", "HA-LB-B"),
                "clock skew of 1100 ms (time sync later in the run fixes it)")),
        PreflightRules.judge(inv, facts));
  }

  @Test
  void aSkewOfOneSecondIsFine() {
    List<HostFacts> facts = facts();
    HostFacts m = facts.get(0);
    facts.set(
        0,
        new HostFacts(
            m.host(),
            m.os(),
            m.arch(),
            m.hostname(),
            m.macAddresses(),
            m.productUuid(),
            m.cpus(),
            m.memoryMiB(),
            m.clockMillis() + PreflightRules.MAX_CLOCK_SKEW_MILLIS,
            m.portsInUse(),
            true,
            false));
    assertEquals(List.of(), PreflightRules.judge(inv, facts));
  }

  private List<HostFacts> facts() {
    List<HostFacts> facts = new ArrayList<>();
    for (int i = 0; i < inv.hosts().size(); i++) {
      facts.add(FakeActivities.healthy(inv.hosts().get(i).name(), i));
    }
    return facts;
  }

  private static HostFacts withMacs(HostFacts f, List<String> macs) {
    return new HostFacts(
        f.host(),
        f.os(),
        f.arch(),
        f.hostname(),
        macs,
        f.productUuid(),
        f.cpus(),
        f.memoryMiB(),
        f.clockMillis(),
        f.portsInUse(),
        f.sudoWorks(),
        f.joined());
  }

  private static HostFacts sized(HostFacts f, int cpus, long memoryMiB) {
    return new HostFacts(
        f.host(),
        f.os(),
        f.arch(),
        f.hostname(),
        f.macAddresses(),
        f.productUuid(),
        cpus,
        memoryMiB,
        f.clockMillis(),
        f.portsInUse(),
        f.sudoWorks(),
        f.joined());
  }
}
