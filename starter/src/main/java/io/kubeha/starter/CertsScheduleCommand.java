package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.BringUpOptions;
import io.kubeha.workflow.CertificatesInput;
import io.kubeha.workflow.ClusterCertificates;
import io.kubeha.workflow.WorkflowIds;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kubeha certs schedule -f FILE: a Temporal Schedule that checks and renews the cluster's certificates. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
    description = {"Creates (or updates) the Temporal Schedule kubeha-CLUSTER-certs-renewal: every --every it runs the"
        + " certificate workflow of `certs renew --within`, each run a workflow in the UI with its result. A run that"
        + " finds another operation of the cluster running renews nothing and says so; runs never overlap (a run"
        + " still going when the next is due makes it skip).",
        "--pause, --unpause and --delete act on the existing Schedule; `temporal schedule describe` reads it too."})
public final class CertsScheduleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin TemporalOptions temporal;

  @Option(names = "--every", paramLabel = "DURATION", defaultValue = "24h",
      description = "How often it checks (default ${DEFAULT-VALUE}).")
  String every;

  @Option(names = "--within", paramLabel = "DURATION", defaultValue = "30d",
      description = "Renew a control plane holding a certificate that expires within this (default ${DEFAULT-VALUE}).")
  String within;

  @ArgGroup(exclusive = true)
  Change change;

  static final class Change {
    @Option(names = "--pause", description = "Pause the Schedule (no runs until --unpause).") boolean pause;
    @Option(names = "--unpause", description = "Let a paused Schedule run again.") boolean unpause;
    @Option(names = "--delete", description = "Delete the Schedule (runs already made stay in Temporal).") boolean delete;
  }

  @Override
  public Integer call() {
    Duration interval = RemoveCommand.parseDuration("--every", every);
    Duration window = RemoveCommand.parseDuration("--within", within);
    Inventory inv = InventoryFile.require(inventory.file(), true);
    String cluster = inv.clusterName();
    String id = WorkflowIds.certificateSchedule(cluster);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (TemporalConnection connection = temporal.connect(err, true)) {
      ScheduleClient schedules = ScheduleClient.newInstance(connection.service(),
          ScheduleClientOptions.newBuilder().setNamespace(connection.namespace()).build());
      ScheduleHandle handle = schedules.getHandle(id);
      if (change != null) {
        return change(handle, id, out);
      }
      Schedule schedule = schedule(inv, interval, window);
      try {
        schedules.createSchedule(id, schedule, ScheduleOptions.newBuilder().build());
        out.println("Created Schedule " + id + ".");
      } catch (ScheduleAlreadyRunningException e) {
        handle.update(input -> new ScheduleUpdate(schedule));
        out.println("Updated Schedule " + id + ".");
      } catch (io.temporal.client.schedules.ScheduleException e) {
        throw new IllegalStateException("cannot create Schedule " + id + ": "
            + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
      }
      out.println("Every " + every + " it checks every control plane's certificates of cluster " + cluster
          + " and renews, one control plane at a time, where one expires within " + within + ".");
      nextRuns(handle, id).getInfo().getNextActionTimes().stream().findFirst()
          .ifPresent(next -> out.println("Next run: " + next));
      connection.scheduleUiUrl(id).ifPresent(url -> out.println("Temporal UI: " + url));
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** The Schedule: the renewal workflow with this inventory, at the interval, never two runs at once. */
  static Schedule schedule(Inventory inv, Duration interval, Duration window) {
    String cluster = inv.clusterName();
    // No static summary: this SDK's ScheduleHandle.describe() cannot decode an action that has one.
    WorkflowOptions options = WorkflowOptions.newBuilder(BringUpOptions.operation(cluster, null))
        .setWorkflowId(WorkflowIds.certificateSchedule(cluster))
        .build();
    return Schedule.newBuilder()
        .setAction(ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(ClusterCertificates.class)
            .setArguments(CertificatesInput.scheduled(inv, RunStarter.adminConf(cluster).toString(), window.toSeconds()))
            .setOptions(options)
            .build())
        .setSpec(ScheduleSpec.newBuilder().setIntervals(List.of(new ScheduleIntervalSpec(interval))).build())
        .setPolicy(SchedulePolicy.newBuilder().setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP).build())
        .setState(ScheduleState.newBuilder().setNote("kubeha certs schedule").build())
        .build();
  }

  /** The Schedule as the server has it (for its next run times). */
  private static io.temporal.client.schedules.ScheduleDescription nextRuns(ScheduleHandle handle, String id) {
    try {
      return handle.describe();
    } catch (io.temporal.client.schedules.ScheduleException e) {
      throw new IllegalStateException("cannot read Schedule " + id + " back: " + e.getCause(), e);
    }
  }

  private int change(ScheduleHandle handle, String id, PrintWriter out) {
    try {
      if (change.delete) {
        handle.delete();
        out.println("Deleted Schedule " + id + ".");
      } else if (change.pause) {
        handle.pause("kubeha certs schedule --pause");
        out.println("Paused Schedule " + id + ".");
      } else {
        handle.unpause("kubeha certs schedule --unpause");
        out.println("Unpaused Schedule " + id + ".");
      }
    } catch (io.temporal.client.schedules.ScheduleException | io.grpc.StatusRuntimeException e) {
      throw new BadInputException("no Schedule " + id + " to change (" + e.getMessage() + "); create it with"
          + " ./kubeha certs schedule -f FILE --every 24h");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
