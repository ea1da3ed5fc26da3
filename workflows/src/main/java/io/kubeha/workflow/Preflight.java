package io.kubeha.workflow;

import io.kubeha.activity.HostFacts;
import io.kubeha.activity.InspectHostInput;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.PreflightFinding.Severity;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

/** Inspects every host before anything is touched; stops the run on a finding no step can fix. */
final class Preflight implements BringUpPhase {
  static final String PREFLIGHT_FAILED = "PreflightFailed";
  private static final Logger log = Workflow.getLogger(Preflight.class);

  @Override
  public Phase id() {
    return Phase.PREFLIGHT;
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    Inventory inv = ctx.inventory();
    List<HostFacts> facts = BoundedFanOut.run(ctx.names(inv.hosts()), ctx.concurrency(), host ->
        ActivityStubs.inspect(host).inspectHost(
            new InspectHostInput(ctx.target(host), RequiredPorts.of(inv, inv.host(host).orElseThrow()))));
    List<PreflightFinding> findings = PreflightRules.judge(inv, facts);
    ctx.recordPreflight(facts, findings);
    for (PreflightFinding f : findings) {
      if (f.severity() == Severity.WARNING) {
        log.warn("{}", f);
        ctx.warn(f.toString());
      }
    }
    List<String> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).map(Object::toString).toList();
    if (!errors.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          errors.size() + (errors.size() == 1 ? " problem: " : " problems: ") + String.join("; ", errors),
          PREFLIGHT_FAILED);
    }
    return StepTally.NONE;
  }
}
