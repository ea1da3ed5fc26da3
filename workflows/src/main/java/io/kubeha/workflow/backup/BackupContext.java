package io.kubeha.workflow.backup;

import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.SnapshotInput;
import io.kubeha.inventory.HostSpec;
import io.kubeha.workflow.common.EtcdToolsHosts;
import io.kubeha.workflow.engine.OperationContext;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What the backup's phases share: the request, the member chosen, its etcd release, the snapshot,
 * what was pruned.
 */
final class BackupContext extends OperationContext implements EtcdToolsHosts {
  static final String SAVE = "snapshot-save";
  static final String FETCH = "snapshot-fetch";

  /** The tools, the save, the copy. */
  static final int STEPS = 3;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final BackupInput input;
  private final Instant startedAt;
  private final List<String> pruned = new ArrayList<>();
  private String member;
  private String etcdVersion;
  private EtcdSnapshot snapshot;

  BackupContext(BackupInput input, Runnable onProgress) {
    super(input.inventory(), input.inventory().controlPlanes(), h -> STEPS, onProgress);
    this.input = input;
    this.startedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  BackupInput input() {
    return input;
  }

  List<String> controlPlanes() {
    return inventory().controlPlanes().stream().map(HostSpec::name).toList();
  }

  /** The member to snapshot, and the etcd release it runs. */
  void chose(String host, String version) {
    member = host;
    etcdVersion = version;
  }

  String member() {
    return member;
  }

  @Override
  public List<String> etcdToolHosts() {
    return List.of(member);
  }

  @Override
  public String etcdVersion() {
    return etcdVersion;
  }

  /** CLUSTER-etcd-20261204T170102Z-HOST.db: sorts by time, says where it came from. */
  SnapshotInput snapshotInput() {
    String name =
        inventory().clusterName() + "-etcd-" + STAMP.format(startedAt) + "-" + member + ".db";
    return new SnapshotInput(target(member), name, startedAt.toString(), input.dir());
  }

  void taken(EtcdSnapshot taken) {
    snapshot = taken;
  }

  void pruned(List<String> names) {
    pruned.addAll(names);
  }

  BackupResult result(List<PhaseOutcome> phases) {
    return new BackupResult(
        inventory().clusterName(), snapshot, List.copyOf(pruned), phases, warnings());
  }
}
