package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the hosts-block step's own check and run commands on a copy of /etc/hosts. */
class HostsBlockTest {
  private static final String CLONED_VM =
      """
      127.0.0.1 localhost
      127.0.1.1 template-vm

      # The following lines are desirable for IPv6 capable hosts
      ::1     ip6-localhost ip6-loopback
      """;

  @TempDir Path dir;
  private final Inventory inv = TestInventories.runbook();

  @Test
  void writesTheBlockOnceAndFixesTheClonedName() throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), CLONED_VM);
    Action a = action("kube-master-1");
    assertEquals(1, sh(a.check()), "a fresh clone needs the block");
    assertEquals(0, sh(a.run()));
    String once = Files.readString(hosts);
    assertEquals(0, sh(a.check()), "after the run the check passes");
    assertEquals(0, sh(a.run()));
    assertEquals(once, Files.readString(hosts), "a second run changes nothing");
    assertEquals(1, once.split(HostsBlock.BEGIN, -1).length - 1, once);
    assertTrue(once.contains("127.0.1.1\tkube-master-1\n"), once);
    assertTrue(!once.contains("template-vm"), once);
    assertTrue(
        once.contains("127.0.0.1 localhost\n") && once.contains("::1     ip6-localhost"), once);
    assertTrue(once.endsWith(HostsBlock.content(inv)), once);
  }

  @Test
  void replacesAnOlderBlockInPlaceOfAppending() throws Exception {
    String old =
        "127.0.0.1 template-vm\n"
            + HostsBlock.BEGIN
            + "\n10.0.0.1\tgone\n"
            + HostsBlock.END
            + "\n10.9.9.9 mine\n";
    Path hosts = Files.writeString(dir.resolve("hosts"), old);
    assertEquals(0, sh(action("kube-worker-2").run()));
    String now = Files.readString(hosts);
    assertEquals("127.0.0.1\tkube-worker-2\n10.9.9.9 mine\n" + HostsBlock.content(inv), now);
  }

  @Test
  void theBlockNamesEveryHost() {
    String block = HostsBlock.content(inv);
    inv.hosts()
        .forEach(h -> assertTrue(block.contains(h.address() + "\t" + h.name() + "\n"), h.name()));
  }

  private Action action(String host) throws Exception {
    Step step = HostsBlock.step(inv, inv.host(host).orElseThrow());
    Files.writeString(dir.resolve("block"), step.files().get(0).content());
    Files.writeString(dir.resolve("hostname"), host + "\n");
    Action a = step.actions().get(0);
    return new Action(
        a.name(),
        onCopies(a.check()),
        onCopies(a.run()),
        onCopies(a.verify()),
        a.detached(),
        a.timeoutSeconds());
  }

  private String onCopies(String command) {
    return command
        .replace(HostsBlock.BLOCK_FILE, dir.resolve("block").toString())
        .replace(HostsBlock.HOSTNAME_FILE, dir.resolve("hostname").toString())
        .replace(HostsBlock.HOSTS, dir.resolve("hosts").toString());
  }

  private static int sh(String command) throws Exception {
    return Processes.run(List.of("sh", "-c", command)).exitCode();
  }
}
