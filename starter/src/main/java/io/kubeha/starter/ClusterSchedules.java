package io.kubeha.starter;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * A cluster's Temporal Schedules (certificate renewal, etcd backups), made, changed and read back
 * one way.
 */
final class ClusterSchedules {
  private ClusterSchedules() {}

  /** --pause, --unpause or --delete: a change to a Schedule that exists. */
  static final class Change {
    @Option(names = "--pause", description = "Pause the Schedule (no runs until --unpause).")
    boolean pause;

    @Option(names = "--unpause", description = "Let a paused Schedule run again.")
    boolean unpause;

    @Option(
        names = "--delete",
        description = "Delete the Schedule (runs already made stay in Temporal).")
    boolean delete;
  }

  /** Runs action every interval; a run still going when the next is due makes that one skip. */
  static Schedule every(Duration interval, ScheduleActionStartWorkflow action, String note) {
    return Schedule.newBuilder()
        .setAction(action)
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(interval)))
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .build())
        .setState(ScheduleState.newBuilder().setNote(note).build())
        .build();
  }

  /** The Schedule id made, or updated when it exists; then its next run and its page in the UI. */
  static void upsert(TemporalConnection connection, String id, Schedule schedule, PrintWriter out) {
    ScheduleHandle handle = client(connection).getHandle(id);
    try {
      client(connection)
          .createSchedule(
              id, schedule, io.temporal.client.schedules.ScheduleOptions.newBuilder().build());
      out.println("Created Schedule " + id + ".");
    } catch (ScheduleAlreadyRunningException e) {
      handle.update(input -> new ScheduleUpdate(schedule));
      out.println("Updated Schedule " + id + ".");
    } catch (ScheduleException e) {
      throw new IllegalStateException(
          "cannot create Schedule "
              + id
              + ": "
              + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()),
          e);
    }
  }

  /** What upsert made, as the server has it: the next run and the Schedule's page in the UI. */
  static void printNext(TemporalConnection connection, String id, PrintWriter out) {
    ScheduleDescription described;
    try {
      described = client(connection).getHandle(id).describe();
    } catch (ScheduleException e) {
      throw new IllegalStateException("cannot read Schedule " + id + " back: " + e.getCause(), e);
    }
    described.getInfo().getNextActionTimes().stream()
        .findFirst()
        .ifPresent(next -> out.println("Next run: " + next));
    connection.scheduleUiUrl(id).ifPresent(url -> out.println("Temporal UI: " + url));
  }

  /** Pauses, unpauses or deletes Schedule id; a missing one is bad input, with how to create it. */
  static int change(
      TemporalConnection connection, String id, Change change, String create, PrintWriter out) {
    ScheduleHandle handle = client(connection).getHandle(id);
    try {
      if (change.delete) {
        handle.delete();
        out.println("Deleted Schedule " + id + ".");
      } else if (change.pause) {
        handle.pause("kubeha: --pause");
        out.println("Paused Schedule " + id + ".");
      } else {
        handle.unpause("kubeha: --unpause");
        out.println("Unpaused Schedule " + id + ".");
      }
    } catch (ScheduleException | io.grpc.StatusRuntimeException e) {
      throw new BadInputException(
          "no Schedule " + id + " to change (" + e.getMessage() + "); create it with " + create);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static ScheduleClient client(TemporalConnection connection) {
    return ScheduleClient.newInstance(
        connection.service(),
        ScheduleClientOptions.newBuilder().setNamespace(connection.namespace()).build());
  }
}
