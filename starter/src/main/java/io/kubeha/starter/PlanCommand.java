package io.kubeha.starter;

import io.kubeha.ansible.AnsibleExport;
import io.kubeha.ansible.AnsibleProject;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.daytwo.OperationPlan;
import io.kubeha.plan.graph.BringUpGraph;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * kubeha plan -f FILE [--operation OP]: what a bring-up, or a day-2 operation, would write and run,
 * per phase and host; contacts nothing.
 */
@Command(
    name = "plan",
    header = "Print what up, or a day-2 operation, would run, per phase and host",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha plan -f cluster.yaml",
      "  ./kubeha plan -f cluster.yaml --format ansible -o ansible-prod-a",
      "  ./kubeha plan -f cluster.yaml --operation upgrade --to 1.37.2",
      "  ./kubeha plan -f cluster.yaml --operation remove --node kube-worker-3",
      "  ./kubeha plan -f cluster.yaml --operation restore --snapshot ~/etcd.db",
      "  ./kubeha plan -f cluster.yaml --operation certs --json"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Prints what a bring-up writes and runs on each host, phase by phase, without contacting any host.",
      "With --operation, what that day-2 operation (upgrade, remove, reset, restore, certs) runs instead:"
          + " its waves in order, how many hosts of each at once, each host's steps with their exact commands"
          + " and what they wait for. The activities build their commands from the same code.",
      "The SSH key and known_hosts files are not needed for this; neither Temporal nor any host is contacted."
    })
public final class PlanCommand implements Callable<Integer> {
  /** How the plan is given out. */
  enum Format {
    text,
    json,
    ansible
  }

  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin OperationPlanOptions operations;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (default), json (the whole plan, file contents included), or ansible (a runnable"
              + " Ansible project performing the same plan, written to the --output-dir directory).")
  Format format = Format.text;

  @Option(names = "--json", description = "Same as --format json.")
  boolean json;

  @Option(
      names = {"-o", "--output-dir"},
      paramLabel = "DIR",
      description =
          "Where --format ansible writes the project (default: ansible-CLUSTER in the current directory).")
  Path outputDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Format chosen = json ? Format.json : format;
    operations.requireOnlyWith(spec.commandLine().getParseResult());
    if (operations.operation != null) {
      printOperation(out, chosen);
    } else {
      printBringUp(out, chosen);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void printOperation(PrintWriter out, Format chosen) {
    if (chosen == Format.ansible) {
      throw new BadInputException(
          "--format ansible goes with the bring-up's plan, not --operation");
    }
    OperationPlan plan = operations.render(inventory.file());
    if (chosen == Format.json) {
      out.println(Json.pretty(plan));
    } else {
      new OperationPlanPrinter(out).print(plan);
    }
  }

  private void printBringUp(PrintWriter out, Format chosen) {
    Inventory inv = InventoryFile.require(inventory.file(), false);
    Plan plan = PlanRenderer.render(inv);
    switch (chosen) {
      case json -> out.println(Json.pretty(plan));
      case ansible -> {
        Path dir = outputDir != null ? outputDir : Path.of("ansible-" + plan.cluster());
        AnsibleProject project;
        try {
          project = AnsibleExport.render(inv, plan);
        } catch (IllegalArgumentException e) {
          throw new BadInputException(e.getMessage());
        }
        AnsibleProjectWriter.write(project, dir);
        out.println(
            "Wrote an Ansible project for cluster "
                + plan.cluster()
                + " to "
                + dir
                + "; run it with: cd "
                + dir
                + " && ansible-playbook site.yml");
      }
      case text -> new PlanPrinter(out).print(plan, BringUpGraph.of(inv, plan));
    }
  }
}
