package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ./kubeha --help fits one screen: one line per command; each command's own help has the detail.
 */
class HelpTest {
  private static final int SCREEN_LINES = 40;
  private static final int SCREEN_COLUMNS = 100;

  @Test
  void theTopLevelHelpGivesOneLinePerCommandOnOneScreen() {
    Cli help = Cli.run("--help");
    assertEquals(0, help.exitCode(), help.err());
    List<String> lines = Arrays.asList(help.out().split("\n"));
    assertTrue(lines.size() <= SCREEN_LINES, lines.size() + " lines:\n" + help.out());
    lines.forEach(l -> assertTrue(l.length() <= SCREEN_COLUMNS, "too wide: " + l));
    int first = lines.indexOf("Commands:") + 1;
    List<String> commands =
        lines.subList(first, lines.size()).stream().takeWhile(l -> !l.isBlank()).toList();
    var names = Kubeha.commandLine().getSubcommands().keySet();
    assertEquals(names.size(), commands.size(), "one line per command:\n" + help.out());
    for (String line : commands) {
      String name = line.strip().split("\\s+")[0];
      assertTrue(names.contains(name), "a command's line starts with its name: " + line);
    }
  }

  @Test
  void eachCommandsOwnHelpKeepsItsDetail() {
    Cli restore = Cli.run("restore", "--help");
    assertEquals(0, restore.exitCode());
    assertTrue(restore.out().contains("Restore the cluster's etcd from a snapshot"), restore.out());
    assertTrue(
        restore.out().contains("etcdutl snapshot status"), "the detail stays: " + restore.out());
  }
}
