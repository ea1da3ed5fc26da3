package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanRenderer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kubeha plan -f FILE: what a bring-up would write and run, per phase and host; contacts nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Prints what a bring-up writes and runs on each host, phase by phase, without contacting any host.",
        "The SSH key and known_hosts files are not needed for this."})
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;

  @Option(names = "--json", description = "Print the whole plan as JSON, file contents included.")
  boolean json;

  @Override
  public Integer call() {
    Inventory inv = InventoryFile.require(inventory.file(), false);
    Plan plan = PlanRenderer.render(inv);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.pretty(plan));
      out.flush();
    } else {
      new PlanPrinter(out).print(plan);
    }
    return ExitCodes.OK;
  }
}
