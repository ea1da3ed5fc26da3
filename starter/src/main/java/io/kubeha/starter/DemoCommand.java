package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.worker.ProjectDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * kubeha demo: the lab's 8 hosts, a local Temporal and worker, and a whole bring-up with failover
 * proved.
 */
@Command(
    name = "demo",
    header = "Build the lab and bring a verified HA cluster up on it",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha demo", "  ./kubeha demo --address 127.0.0.1:7233"},
    mixinStandardHelpOptions = true,
    description = {
      "Builds the lab (3 masters, 3 workers, 2 load balancers as namespaces on this machine),"
          + " starts a local Temporal dev server and a worker, and brings the cluster up with --yes --prove-failover.",
      "Then runs kubeha check: a workload of 3 Pods behind a Service, reached from every node by its"
          + " ClusterIP, a NodePort and its DNS name, and Pod to Pod; then removed. Ends with the"
          + " Temporal UI link and the kubeconfig path. Needs root (the lab does)."
    })
public final class DemoCommand implements Callable<Integer> {
  static final List<String> LAB_SHAPE = List.of("--masters", "3", "--workers", "3", "--lbs", "2");

  @Spec CommandSpec spec;
  @Mixin TemporalOptions temporal;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println("Building the lab: 3 masters, 3 workers, 2 load balancers (lab/bin/lab up)...");
    out.flush();
    Path inventoryFile = labUp();
    out.println("Lab inventory: " + inventoryFile);
    Inventory inv = InventoryFile.require(inventoryFile, true);
    try (TemporalConnection connection = temporal.connect(err, false)) {
      // A worker started now may use the lab's SSH key wherever $KUBEHA_LAB_DIR put it.
      List<Path> lab = List.of(inventoryFile.toAbsolutePath().getParent());
      if (connection.embedded()) {
        BackgroundWorker.ensure(connection, err, lab);
      }
      LocalPathsNote.warn(connection, LocalPathsNote.of(inv), err, lab);
      int code = UpCommand.bringUp(connection, inv, true, true, true, false, out, err);
      if (code != ExitCodes.OK) {
        return code;
      }
      showCluster(inv, RunStarter.adminConf(inv.clusterName()), out);
      out.println();
      out.println("$ ./kubeha check -f " + inventoryFile);
      out.flush();
      code = CheckCommand.run(connection, inv, CheckWorkload.DEFAULT_IMAGE, false, out, err);
      if (code == ExitCodes.OK) {
        out.println();
        out.println(
            "Demo done: cluster "
                + inv.clusterName()
                + " is up, verified, survived a load-balancer failover, and serves a workload"
                + " from every node.");
        connection.uiUrl(inv.clusterName()).ifPresent(url -> out.println("  See the run:  " + url));
        out.println("  kubeconfig:   " + RunStarter.adminConf(inv.clusterName()));
        out.println("  Tear down:    ./kubeha lab down");
        out.println("  Stop Temporal and the worker: ./kubeha server stop");
        out.flush();
      }
      return code;
    }
  }

  /**
   * The real kubectl through the VIP (admin.conf's server): the nodes, and etcd's members as their
   * Pods.
   */
  private static void showCluster(Inventory inv, Path adminConf, PrintWriter out)
      throws IOException, InterruptedException {
    String cache =
        System.getenv()
            .getOrDefault(
                "KUBEHA_K8S_CACHE", System.getProperty("user.home") + "/.cache/kubeha/kubernetes");
    Path kubectl = Path.of(cache, "v" + inv.spec().kubernetes().version(), "bin", "kubectl");
    String program = Files.isExecutable(kubectl) ? kubectl.toString() : "kubectl";
    for (List<String> args :
        List.of(
            List.of("get", "nodes", "-o", "wide"),
            List.of("-n", "kube-system", "get", "pods", "-l", "component=etcd", "-o", "wide"))) {
      out.println();
      out.println("$ kubectl " + String.join(" ", args));
      out.flush();
      List<String> command =
          new java.util.ArrayList<>(List.of(program, "--kubeconfig", adminConf.toString()));
      command.addAll(args);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      out.print(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      p.waitFor();
      out.flush();
    }
  }

  /** Runs `lab up`, its progress on our stderr; the last line it prints is the inventory path. */
  private static Path labUp() throws IOException, InterruptedException {
    Path lab =
        ProjectDir.find()
            .map(d -> d.resolve("lab/bin/lab"))
            .filter(Files::isExecutable)
            .orElseThrow(
                () ->
                    new BadInputException(
                        "lab/bin/lab was not found; run the demo from a kubeha checkout (./kubeha demo)"));
    List<String> command = new java.util.ArrayList<>(List.of(lab.toString(), "up"));
    command.addAll(LAB_SHAPE);
    Process p =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> lines =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .filter(l -> !l.isBlank())
            .toList();
    int exit = p.waitFor();
    if (exit != 0 || lines.isEmpty()) {
      throw new IllegalStateException("lab up failed (exit " + exit + "); see its messages above");
    }
    return Path.of(lines.get(lines.size() - 1).strip());
  }
}
