package io.kubeha.workflow.bringup;

import io.kubeha.activity.HostFacts;
import io.kubeha.activity.InspectHostInput;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.bringup.PreflightFinding.Severity;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.BoundedFanOut.Outcome;
import io.kubeha.workflow.engine.FailureText;
import io.kubeha.workflow.engine.HostProgress;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

/** Inspects every host before anything is touched; stops the run on a finding no step can fix. */
final class Preflight implements BringUpPhase {
  static final String PREFLIGHT_FAILED = "PreflightFailed";
  private static final String INSPECT = "inspect";
  // Report order per host (HostProgress.seq): inspecting, then inspected or failed, then a finding.
  private static final long INSPECTING = 1;
  private static final long INSPECTED = 2;
  private static final long JUDGED = 3;
  private static final Logger log = Workflow.getLogger(Preflight.class);

  @Override
  public Phase id() {
    return Phase.PREFLIGHT;
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    Inventory inv = ctx.inventory();
    // A big bring-up's groups inspect their own hosts; the parent inspects its own and judges all.
    List<HostFacts> facts =
        ctx.groups() == null
            ? BoundedFanOut.run(
                ctx.names(inv.hosts()), ctx.concurrency(), host -> inspect(ctx, host))
            : ctx.groups().inspected(inspectAll(ctx, ctx.groups().parentHosts()));
    List<PreflightFinding> findings = PreflightRules.judge(inv, facts);
    ctx.recordPreflight(facts, findings);
    for (PreflightFinding f : findings) {
      if (f.severity() == Severity.ERROR) {
        f.hosts()
            .forEach(
                h -> ctx.report(new HostProgress(h, id(), null, 0, 0, 0, f.message(), JUDGED)));
      }
    }
    for (PreflightFinding f : findings) {
      if (f.severity() == Severity.WARNING) {
        log.warn("{}", f);
        ctx.warn(f.toString());
      }
    }
    List<String> errors =
        findings.stream()
            .filter(f -> f.severity() == Severity.ERROR)
            .map(Object::toString)
            .toList();
    if (!errors.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          errors.size()
              + (errors.size() == 1 ? " problem: " : " problems: ")
              + String.join("; ", errors),
          PREFLIGHT_FAILED);
    }
    return StepTally.NONE;
  }

  /** Inspects the hosts, at most the run's bound at once: each host's facts, or its failure. */
  static List<Outcome<HostFacts>> inspectAll(BringUpContext ctx, List<String> hosts) {
    return BoundedFanOut.runAll(hosts, ctx.concurrency(), host -> inspect(ctx, host));
  }

  /** Inspects one host; the hosts table shows it under way and, when it fails, why. */
  private static HostFacts inspect(BringUpContext ctx, String host) {
    Inventory inv = ctx.inventory();
    Phase id = Phase.PREFLIGHT;
    ctx.report(new HostProgress(host, id, INSPECT, 0, 0, 1, null, INSPECTING));
    try {
      HostFacts facts =
          ActivityStubs.inspect(host)
              .inspectHost(
                  new InspectHostInput(
                      ctx.target(host), RequiredPorts.of(inv, inv.host(host).orElseThrow())));
      ctx.report(new HostProgress(host, id, null, 0, 0, 0, null, INSPECTED));
      return facts;
    } catch (TemporalFailure e) {
      ctx.report(new HostProgress(host, id, INSPECT, 0, 0, 1, FailureText.of(e), INSPECTED));
      throw e;
    }
  }
}
