package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ShellTest {
  private static final String HOSTILE = "x'; rm -rf / #";
  // Executed below instead of HOSTILE: the same breakout, harmless if quoting ever broke.
  private static final String BREAKOUT = "x'; echo broken-out #";

  @Test
  void quotingKeepsAnyValueOneLiteralWord() throws Exception {
    for (String value :
        List.of(BREAKOUT, "plain", "", "$(id)", "a b\tc", "'''", "back\\slash", "`id`")) {
      Processes.Result r = Processes.run(List.of("sh", "-c", "printf %s " + Shell.quote(value)));
      assertEquals(0, r.exitCode());
      assertEquals(value, r.output());
    }
  }

  @Test
  void aHostileHostNameRendersQuoted() throws Exception {
    Inventory inv = TestInventories.runbook();
    List<HostSpec> hosts = new ArrayList<>(inv.hosts());
    HostSpec lb = hosts.get(7);
    hosts.set(7, new HostSpec(HOSTILE, lb.address(), lb.roles(), null, lb.network()));
    Plan plan = PlanRenderer.render(TestInventories.withHosts(inv, hosts));
    Action setHostname =
        plan.steps(HOSTILE, Phase.PREPARE_NODES).stream()
            .filter(s -> s.id().equals("hostname"))
            .findFirst()
            .orElseThrow()
            .actions()
            .get(0);
    assertEquals("hostname 'x'\\''; rm -rf / #'", setHostname.run());
    String check = setHostname.check();
    assertEquals("test \"$(hostname)\" = 'x'\\''; rm -rf / #'", check);
    int seen = 0;
    for (Step s : plan.host(HOSTILE).orElseThrow().steps()) {
      for (Action a : s.actions()) {
        for (String c : new String[] {a.check(), a.run(), a.verify()}) {
          if (c != null && c.contains("rm -rf")) {
            seen++;
            assertEquals(
                c.split("rm -rf", -1).length,
                c.split(Pattern.quote(Shell.quote(HOSTILE)), -1).length,
                c);
          }
        }
      }
    }
    assertTrue(seen >= 3, "the name appears in hostname's check, run and the hosts-block rewrite");
  }

  @Test
  void everyRenderedCommandIsValidShell() throws Exception {
    TreeSet<String> commands = new TreeSet<>();
    for (Inventory inv :
        List.of(
            TestInventories.runbook(),
            TestInventories.lab(),
            TestInventories.withOptions(TestInventories.runbook(), true, true))) {
      for (HostPlan h : PlanRenderer.render(inv).hosts()) {
        for (Step s : h.steps()) {
          for (Action a : s.actions()) {
            for (String c : new String[] {a.check(), a.run(), a.verify()}) {
              if (c != null) {
                commands.add(c);
              }
            }
          }
        }
      }
    }
    assertTrue(commands.size() > 40, "only " + commands.size() + " commands");
    for (String shell : List.of("sh", "bash")) {
      for (String c : commands) {
        Processes.Result r = Processes.run(List.of(shell, "-n", "-c", c));
        assertEquals(0, r.exitCode(), shell + " -n rejects: " + c + "\n" + r.output());
      }
    }
  }

  @Test
  void waitForEndsWithTheConditionsOwnStatus() throws Exception {
    assertEquals(0, Processes.run(List.of("sh", "-c", Shell.waitFor("true", 3))).exitCode());
    assertEquals(
        1,
        Processes.run(List.of("sh", "-c", Shell.waitFor("test -e /nonexistent/kubeha", 1)))
            .exitCode());
  }

  @Test
  void literalRegexEscapesDots() {
    assertEquals("1\\.32\\.0", Shell.literalRegex("1.32.0"));
  }
}
