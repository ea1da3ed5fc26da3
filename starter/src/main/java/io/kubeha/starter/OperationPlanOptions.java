package io.kubeha.starter;

import io.kubeha.activity.ClusterState;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.daytwo.CertificatesPlanRenderer;
import io.kubeha.plan.daytwo.OperationPlan;
import io.kubeha.plan.daytwo.RemovalPlanRenderer;
import io.kubeha.plan.daytwo.ResetPlanRenderer;
import io.kubeha.plan.daytwo.RestorePlanRenderer;
import io.kubeha.plan.daytwo.UpgradePlanRenderer;
import io.kubeha.steps.ArtifactCache;
import io.kubeha.steps.StepExecutor;
import io.kubeha.workflow.removal.RemovalRules;
import io.kubeha.workflow.upgrade.UpgradeRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * --operation and its inputs (a mixin of plan): which day-2 operation to lay out, checked by the
 * rules its command applies, and rendered from the inventory alone.
 */
final class OperationPlanOptions {
  /** The day-2 operations plan can lay out. */
  enum Operation {
    upgrade,
    remove,
    reset,
    restore,
    certs
  }

  @Option(
      names = "--operation",
      paramLabel = "OPERATION",
      description =
          "Print what a day-2 operation will run instead of the bring-up: ${COMPLETION-CANDIDATES}.")
  Operation operation;

  @Option(
      names = "--to",
      paramLabel = "VERSION",
      description = "With --operation upgrade: the Kubernetes version, one minor up at most.")
  String to;

  @Option(
      names = "--max-unavailable",
      paramLabel = "N",
      description = "With --operation upgrade: workers upgraded at once (default: 1).")
  Integer maxUnavailable;

  @Mixin DrainTimeoutOption drainTimeout;

  @Option(
      names = "--node",
      arity = "1..*",
      paramLabel = "NODE",
      description = "With --operation remove: the nodes to remove, by their inventory names.")
  List<String> nodes;

  @Option(
      names = "--snapshot",
      paramLabel = "FILE",
      description = "With --operation restore: the snapshot, on this machine.")
  Path snapshot;

  /** The plan of the operation chosen; bad input names the option. */
  OperationPlan render(Path file) {
    Inventory inv = InventoryFile.require(file, false);
    String base = StepExecutor.DEFAULT_BASE_DIR;
    return switch (operation) {
      case upgrade -> upgrade(file, inv, base);
      case remove -> remove(inv);
      case reset -> ResetPlanRenderer.render(inv);
      case restore -> restore(inv, base);
      case certs -> CertificatesPlanRenderer.render(inv, base);
    };
  }

  private OperationPlan upgrade(Path file, Inventory inv, String base) {
    String version = UpgradeTarget.version(require("--to VERSION", to));
    int bound = maxUnavailable == null ? 1 : maxUnavailable;
    if (bound < 1) {
      throw new BadInputException("--max-unavailable must be at least 1, was " + bound);
    }
    // What the cluster runs, as the inventory says: the workflow asks the nodes themselves.
    String first = inv.firstControlPlane().name();
    String from = "v" + inv.spec().kubernetes().version();
    ClusterState atInventory =
        new ClusterState(List.of(new ClusterState.NodeState(first, true, false, from)), List.of());
    List<String> problems = UpgradeRules.check(version, List.of(first), atInventory);
    if (!problems.isEmpty()) {
      throw new BadInputException(
          "--to "
              + version
              + ": the inventory's spec.kubernetes.version is "
              + problems.get(0).substring(first.length() + 2));
    }
    Inventory target = UpgradeTarget.atVersion(file, inv, version);
    return UpgradePlanRenderer.render(target, bound, drainTimeout.seconds(), base);
  }

  private OperationPlan remove(Inventory inv) {
    List<String> names = require("--node NODE", nodes);
    List<String> problems = RemovalRules.check(inv, names);
    if (!problems.isEmpty()) {
      throw new BadInputException("--node: cannot remove: " + String.join("; ", problems));
    }
    return RemovalPlanRenderer.render(inv, List.copyOf(names), drainTimeout.seconds());
  }

  private OperationPlan restore(Inventory inv, String base) {
    Path file = require("--snapshot FILE", snapshot).toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(
          "--snapshot "
              + snapshot
              + ": no such file (./kubeha backup list -f FILE shows the snapshots kept)");
    }
    BackupTarget.requireEtcdChecksum(inv);
    return RestorePlanRenderer.render(inv, file.toString(), ArtifactCache.sha256(file), base);
  }

  /** Each operation's own options, only with it: anything else is a mistake worth naming. */
  void requireOnlyWith(ParseResult given) {
    check(given, "--to", Operation.upgrade);
    check(given, "--max-unavailable", Operation.upgrade);
    check(given, "--node", Operation.remove);
    check(given, "--snapshot", Operation.restore);
    if (given.hasMatchedOption("--drain-timeout")
        && operation != Operation.upgrade
        && operation != Operation.remove) {
      throw new BadInputException(
          "--drain-timeout goes with --operation upgrade or --operation remove");
    }
  }

  private void check(ParseResult given, String option, Operation with) {
    if (given.hasMatchedOption(option) && operation != with) {
      throw new BadInputException(option + " goes with --operation " + with);
    }
  }

  private <T> T require(String option, T value) {
    if (value == null) {
      throw new BadInputException(
          "--operation " + operation + " needs " + option + " (./kubeha plan --help)");
    }
    return value;
  }
}
