package io.kubeha.starter;

import io.kubeha.worker.KubehaHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** kubeha server status|stop: the local dev server and background worker kubeha started. */
@Command(
    name = "server",
    header = "Show or stop the local Temporal and worker kubeha started",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha server status", "  ./kubeha server stop && scripts/temporal-stack up"},
    mixinStandardHelpOptions = true,
    description = {
      "status: whether the dev server (state in $KUBEHA_HOME/temporal) and the background worker"
          + " that kubeha started are running, with their pids and addresses.",
      "stop: stops the worker, then the dev server (SIGTERM, SIGKILL after 15 s). Only the processes"
          + " whose pid kubeha recorded and whose command line is still theirs; the dev server's"
          + " state stays for the next run."
    })
public final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ACTION", description = "status or stop")
  String action;

  @Override
  public Integer call() throws IOException {
    LocalServices services = new LocalServices(KubehaHome.dir());
    PrintWriter out = spec.commandLine().getOut();
    switch (action) {
      case "status" -> {
        for (LocalServices.Service s : List.of(services.devServer(), services.worker())) {
          out.println(s.name() + ": " + services.status(s).text());
        }
      }
      case "stop" -> {
        out.println(services.stop(services.worker()));
        out.println(services.stop(services.devServer()));
      }
      default ->
          throw new BadInputException(
              "server: ACTION is status or stop, not '"
                  + action.replaceAll("\\p{Cntrl}", "?")
                  + "'");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
