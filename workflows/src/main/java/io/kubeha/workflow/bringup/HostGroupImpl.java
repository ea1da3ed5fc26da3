package io.kubeha.workflow.bringup;

import io.kubeha.activity.FetchGroupWorkInput;
import io.kubeha.activity.GroupWork;
import io.kubeha.activity.HostWork;
import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Task;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.CurrentDetails;
import io.kubeha.workflow.engine.HostProgress;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.PhaseSequence;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Runs one group of a big bring-up's hosts as its part of the graph: inspects them and tells the
 * parent, then prepares, syncs and joins them as the parent's tasks they wait for end, at most its
 * share of the cluster's bound per phase. Fails, its outcome in the failure's details, when one of
 * its tasks failed.
 */
public final class HostGroupImpl implements HostGroup {
  static final String GROUP_FAILED = "GroupFailed";
  static final String NO_PARENT = "NoParent";

  private static final Logger log = Workflow.getLogger(HostGroupImpl.class);

  private final List<TaskEnd> fromParent = new ArrayList<>();
  private final PhaseSequence<BringUpContext> sequence = new PhaseSequence<>(this::showDetails);
  private BringUpContext ctx;

  @WorkflowInit
  public HostGroupImpl(HostGroupInput input) {}

  @Override
  public GroupOutcome run(HostGroupInput input) {
    WorkflowInfo info = Workflow.getInfo();
    String parentId =
        info.getParentWorkflowId()
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "a HostGroup runs as a bring-up's child", NO_PARENT));
    GroupWork work =
        ActivityStubs.fetchGroupWork(input.group())
            .fetchGroupWork(
                new FetchGroupWorkInput(
                    parentId, info.getParentRunId().orElse(null), input.group()));
    Plan plan = work.plan().plan();
    ctx =
        new BringUpContext(
            new BringUpInput(work.inventory(), null, true, false, true),
            plan,
            work.timePackage(),
            this::showDetails);
    ctx.share(work.share());
    List<String> hosts = plan.hosts().stream().map(HostPlan::host).toList();
    BringUpGraph graph = BringUpGraph.of(work.graph(), plan);
    ParentLink link =
        new ParentLink(
            input.group(),
            Workflow.newExternalWorkflowStub(ClusterBringUp.class, parentId),
            graph,
            new HashSet<>(hosts),
            fromParent);
    ctx.onApplied(link::row);
    link.inspected(Preflight.inspectAll(ctx, hosts));

    GraphRun run = new GraphRun(graph, ClusterBringUpImpl.PHASES, sequence, link);
    Map<Task, TemporalFailure> failures = run.runTasks(ctx);
    if (CancellationScope.current().isCancelRequested()) {
      String during = sequence.title();
      sequence.enter(Phase.CANCELLED);
      throw new CanceledFailure("cancelled during " + during);
    }
    GroupOutcome outcome = new GroupOutcome(link.last(), run.spans());
    link.awaitSent();
    if (!failures.isEmpty()) {
      sequence.enter(Phase.FAILED);
      String message = GraphRun.failureText(failures);
      log.error("{}", message);
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          message, GROUP_FAILED, failures.values().iterator().next(), outcome);
    }
    sequence.enter(Phase.DONE);
    return outcome;
  }

  /** The outcome a failed group carries in its failure, null when there is none. */
  static GroupOutcome outcomeOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app
          && GROUP_FAILED.equals(app.getType())
          && app.getDetails().getSize() > 0) {
        return app.getDetails().get(GroupOutcome.class);
      }
    }
    return null;
  }

  private void showDetails() {
    if (ctx != null) {
      Workflow.setCurrentDetails(CurrentDetails.markdown(sequence.title(), false, ctx.board()));
    }
  }

  @Override
  public void hostProgress(HostProgress progress) {
    if (ctx != null) {
      ctx.report(progress);
    }
  }

  @Override
  public void parentTaskEnded(TaskEnd end) {
    fromParent.add(end);
  }

  @Override
  public List<HostStatus> hosts() {
    return ctx == null ? List.of() : ctx.board().view();
  }

  @Override
  public HostWork hostWork(String host, Phase phase) {
    if (ctx == null) {
      throw new IllegalStateException("this group has not read its work yet");
    }
    return ctx.hostWork(host, phase);
  }
}
