package io.kubeha.starter;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The kubeha command line: one subcommand class per verb. */
@Command(
    name = "kubeha",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Brings up a kubeadm HA cluster as a durable Temporal workflow, driven over SSH.",
    footer = {
      "",
      "  lab         The test lab on this machine (./kubeha lab --help)",
      "",
      "Start with ./kubeha demo, or ./kubeha up -f FILE.",
      "./kubeha COMMAND --help shows a command's options and examples.",
      "Exit codes: 0 done, 1 failure, 2 bad input."
    },
    // `kubeha lab ...` is handled by the ./kubeha launcher, which runs lab/bin/lab.
    subcommands = {
      DemoCommand.class,
      UpCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      ApproveCommand.class,
      CancelCommand.class,
      ListCommand.class,
      KubeconfigCommand.class,
      ValidateCommand.class,
      PlanCommand.class,
      VersionsCommand.class,
      RemoveCommand.class,
      ResetCommand.class,
      UpgradeCommand.class,
      RetryCommand.class,
      CertsCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      CheckCommand.class,
      BundleCommand.class,
      WorkerCommand.class,
      ServerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Kubeha implements Callable<Integer> {
  /** The heading of each command's examples, its help's footer (kubectl's "Examples:"). */
  static final String EXAMPLES = "%nExamples:%n";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }

  /** The command line with kubeha's exception-to-exit-code mapping, the one place it is done. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Kubeha());
    cli.setExecutionExceptionHandler(
        (e, command, parseResult) -> {
          if (e instanceof BadInputException) {
            command.getErr().println("kubeha: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
          }
          command
              .getErr()
              .println("kubeha: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          if (System.getenv("KUBEHA_DEBUG") != null) {
            e.printStackTrace(command.getErr());
          }
          return ExitCodes.FAILURE;
        });
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
