package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * ./kubeha --help fits one screen: one line per command; each command's own help has the detail and
 * examples.
 */
class HelpTest {
  private static final int SCREEN_LINES = 40;
  private static final int SCREEN_COLUMNS = 100;
  private static final String EXAMPLES = "Examples:";

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
    assertUnwrapped(Kubeha.commandLine(), help.out());
  }

  @Test
  void everyCommandsHelpEndsWithExamplesOfItThatParse() {
    List<CommandLine> commands = new ArrayList<>();
    collect(Kubeha.commandLine(), commands);
    assertTrue(commands.size() > 20, "every subcommand, nested ones too: " + commands.size());
    for (CommandLine command : commands) {
      String path = command.getCommandSpec().qualifiedName().replaceFirst("^kubeha ", "");
      Cli help = Cli.run((path + " --help").split(" "));
      assertEquals(0, help.exitCode(), path + ": " + help.err());
      List<String> lines = Arrays.asList(help.out().split("\n"));
      int heading = lines.indexOf(EXAMPLES);
      assertTrue(heading > 0, path + " --help has " + EXAMPLES + "\n" + help.out());
      List<String> examples = lines.subList(heading + 1, lines.size());
      boolean ofItself = false;
      for (String example : examples) {
        assertTrue(
            example.startsWith("  ") && example.contains("./kubeha "), path + ": " + example);
        ofItself |= invokes(example, command);
      }
      assertTrue(ofItself, path + ": an example runs the command itself\n" + help.out());
      assertUnwrapped(command, help.out());
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

  /** Every subcommand below the given one, depth first; picocli's own help command left out. */
  private static void collect(CommandLine parent, List<CommandLine> into) {
    for (CommandLine c : parent.getSubcommands().values()) {
      if (!(c.getCommand() instanceof CommandLine.HelpCommand)) {
        into.add(c);
        collect(c, into);
      }
    }
  }

  /**
   * Whether the example's ./kubeha invocation parses (options and required ones right) to the
   * command itself; one that does not parse fails the test.
   */
  private static boolean invokes(String example, CommandLine command) {
    String call = example.substring(example.indexOf("./kubeha ") + "./kubeha ".length());
    call = call.split(" && |\\)")[0].strip();
    ParseResult parsed = Kubeha.commandLine().parseArgs(call.split("\\s+"));
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    return parsed.commandSpec().qualifiedName().equals(command.getCommandSpec().qualifiedName());
  }

  /** Each footer line is printed whole: picocli wraps a long one at 80 columns, unindented. */
  private static void assertUnwrapped(CommandLine command, String help) {
    for (String line : command.getCommandSpec().usageMessage().footer()) {
      assertTrue(help.contains(line + "\n"), "wrapped: " + line + "\n" + help);
    }
  }
}
