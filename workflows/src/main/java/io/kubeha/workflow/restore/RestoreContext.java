package io.kubeha.workflow.restore;

import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.EtcdStatus;
import io.kubeha.activity.LocalSnapshot;
import io.kubeha.activity.RestoreNodeInput;
import io.kubeha.activity.VerifyReport;
import io.kubeha.inventory.HostSpec;
import io.kubeha.workflow.common.EtcdToolsHosts;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.ApprovalGate;
import io.kubeha.workflow.engine.FailureText;
import io.kubeha.workflow.engine.GatedOperation;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.NodeStates;
import io.kubeha.workflow.engine.OperationContext;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the restore's phases share: the snapshot, etcd's state before, the gate, the members the
 * restore makes.
 */
final class RestoreContext extends OperationContext implements EtcdToolsHosts, GatedOperation {
  static final String UPLOAD = "snapshot-upload";
  static final String STOP = "stop-control-plane";
  static final String RESTORE = "etcd-restore";
  static final String START_ETCD = "start-etcd";
  static final String ETCD_HEALTHY = "etcd-healthy";
  static final String START = "start-control-plane";
  static final String PUT_BACK = "put-back";

  /** The tools, upload, stop, restore, etcd start, its health, the control plane's start. */
  static final int STEPS = 7;

  static final int ETCD_PEER_PORT = 2380;

  /** Runs started before the bump was measured from etcd's revision keep the fixed one. */
  static final String BUMP_PAST_NOW = "restore-bump-past-now";

  private final RestoreInput input;
  private final ApprovalGate gate;
  private final String restoreId;
  private final List<String> restored = new ArrayList<>();
  private LocalSnapshot local;
  private EtcdStatus before;
  private String etcdVersion;
  private EtcdSnapshot uploaded;
  private long bumpRevision;
  private VerifyReport verified;
  private boolean uploading;
  private boolean stopping;
  private boolean started;

  RestoreContext(RestoreInput input, Runnable onProgress) {
    super(input.inventory(), input.inventory().controlPlanes(), h -> STEPS, onProgress);
    this.input = input;
    this.gate = new ApprovalGate("the restore", input.inventory().clusterName());
    // The run's id: unique per restore, the same in every attempt of this one.
    this.restoreId = Workflow.getInfo().getRunId();
    board().nameStates(RestoreContext::nodeState);
  }

  RestoreInput input() {
    return input;
  }

  @Override
  public ApprovalGate gate() {
    return gate;
  }

  @Override
  public boolean autoApproved() {
    return input.autoApprove();
  }

  @Override
  public String approvalSubject() {
    return "the restore of " + inventory().clusterName() + " from " + input.snapshotPath();
  }

  List<String> controlPlanes() {
    return inventory().controlPlanes().stream().map(HostSpec::name).toList();
  }

  void checked(LocalSnapshot snapshot, EtcdStatus status, String version) {
    local = snapshot;
    before = status;
    etcdVersion = version;
  }

  LocalSnapshot local() {
    return local;
  }

  @Override
  public List<String> etcdToolHosts() {
    return controlPlanes();
  }

  @Override
  public String etcdVersion() {
    return etcdVersion;
  }

  /**
   * The node's part: the snapshot, and the member it becomes in the one new cluster every member is
   * restored into.
   */
  RestoreNodeInput node(String host) {
    String initialCluster =
        controlPlanes().stream().map(h -> h + "=" + peerUrl(h)).collect(Collectors.joining(","));
    String token = "kubeha-" + inventory().clusterName() + "-restore-" + restoreId;
    return new RestoreNodeInput(
        target(host),
        restoreId,
        local.path(),
        local.sha256(),
        host,
        peerUrl(host),
        initialCluster,
        token,
        bumpRevision);
  }

  /** kubeadm's peer URL of a stacked member: the node's address, port 2380. */
  private String peerUrl(String host) {
    String address = inventory().host(host).orElseThrow().address();
    return "https://"
        + (address.contains(":") ? "[" + address + "]" : address)
        + ":"
        + ETCD_PEER_PORT;
  }

  /**
   * Every uploaded copy removed, once the upload began; a node that cannot be reached is named in
   * the warnings.
   */
  void discardUploads() {
    if (!uploading) {
      return;
    }
    for (String host : controlPlanes()) {
      try {
        ActivityStubs.etcdRestore(host, "discard the snapshot").discardUpload(node(host));
      } catch (io.temporal.failure.TemporalFailure e) {
        warn(host + ": the uploaded snapshot could not be removed: " + FailureText.of(e));
      }
    }
  }

  void uploading() {
    uploading = true;
  }

  /** The control planes begin to stop: from here a failure puts them back. */
  void stopping() {
    stopping = true;
  }

  /** Every control plane started on the restored data: nothing is left to put back. */
  void started() {
    started = true;
  }

  /** True between the first stop and the last start: the API may be down because of the restore. */
  boolean controlPlanesOut() {
    return stopping && !started;
  }

  String restoreId() {
    return restoreId;
  }

  void uploaded(EtcdSnapshot snapshot) {
    uploaded = snapshot;
    if (Workflow.getVersion(BUMP_PAST_NOW, Workflow.DEFAULT_VERSION, 1)
        != Workflow.DEFAULT_VERSION) {
      bumpRevision = RestorePlan.revisionBump(before, snapshot);
    }
  }

  void restored(String host) {
    restored.add(host);
  }

  void verified(VerifyReport report) {
    verified = report;
  }

  /** What the gate shows: the snapshot, what is lost, and what will happen. */
  @Override
  public String plan() {
    return uploaded == null
        ? ""
        : RestorePlan.text(
            inventory().clusterName(),
            local,
            uploaded,
            before,
            controlPlanes(),
            restoreId,
            bumpRevision);
  }

  RestoreResult result(List<PhaseOutcome> phases) {
    return new RestoreResult(
        inventory().clusterName(), uploaded, List.copyOf(restored), verified, phases, warnings());
  }

  /**
   * waiting, preparing (etcd's tools), uploading (the snapshot, read there), stopping, restoring
   * (etcd's data), starting, or done.
   */
  private static String nodeState(HostStatus row) {
    if (row.stepsTotal() > 0 && row.stepsDone() >= row.stepsTotal()) {
      return NodeStates.DONE;
    }
    if (row.currentStep() == null) {
      return NodeStates.WAITING;
    }
    return switch (row.currentStep()) {
      case UPLOAD -> NodeStates.UPLOADING;
      case STOP -> NodeStates.STOPPING;
      case RESTORE -> NodeStates.RESTORING;
      case PUT_BACK -> NodeStates.PUTTING_BACK;
      case START_ETCD, ETCD_HEALTHY, START -> NodeStates.STARTING;
      default -> NodeStates.PREPARING; // etcdctl and etcdutl being installed
    };
  }
}
