package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubeha.activity.CertificateActivities;
import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.EtcdBackupActivities;
import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.activity.Failures;
import io.kubeha.activity.HostActivities;
import io.kubeha.activity.InventoryActivities;
import io.kubeha.activity.NodeRemovalActivities;
import io.kubeha.activity.NodeUpgradeActivities;
import io.kubeha.activity.OperationActivities;
import io.kubeha.activity.PlanActivities;
import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.backup.BackupInput;
import io.kubeha.workflow.backup.ClusterBackup;
import io.kubeha.workflow.backup.ClusterBackupImpl;
import io.kubeha.workflow.bringup.BringUpInput;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.bringup.ClusterBringUpImpl;
import io.kubeha.workflow.bringup.HostPrep;
import io.kubeha.workflow.bringup.HostPrepImpl;
import io.kubeha.workflow.bringup.HostPrepInput;
import io.kubeha.workflow.certs.CertificatesInput;
import io.kubeha.workflow.certs.ClusterCertificates;
import io.kubeha.workflow.certs.ClusterCertificatesImpl;
import io.kubeha.workflow.check.CheckInput;
import io.kubeha.workflow.check.ClusterCheck;
import io.kubeha.workflow.check.ClusterCheckImpl;
import io.kubeha.workflow.engine.TaskQueues;
import io.kubeha.workflow.removal.ClusterRemoveNodes;
import io.kubeha.workflow.removal.ClusterRemoveNodesImpl;
import io.kubeha.workflow.removal.RemovalInput;
import io.kubeha.workflow.reset.ClusterReset;
import io.kubeha.workflow.reset.ClusterResetImpl;
import io.kubeha.workflow.reset.ResetInput;
import io.kubeha.workflow.restore.ClusterRestore;
import io.kubeha.workflow.restore.ClusterRestoreImpl;
import io.kubeha.workflow.restore.RestoreInput;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.kubeha.workflow.upgrade.ClusterUpgradeImpl;
import io.kubeha.workflow.upgrade.UpgradeInput;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever can start a workflow drives root SSH on every node: each workflow type, started directly
 * through the SDK (no CLI, no validator on the client's side) with a hostile inventory, is refused
 * naming the field, and no activity runs.
 */
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A field path and a value that would reach a shell, a sed program or a rendered file. */
  record Hostile(String path, String field, Object value) {}

  private static final List<Hostile> HOSTILE =
      List.of(
          // GNU sed's e command runs a shell: the review reproduced it through CniManifest.
          new Hostile(
              "spec.kubernetes.podSubnet",
              "spec/kubernetes/podSubnet",
              "10.244.0.0/16\"|\ne touch /tmp/pwned\n#"),
          new Hostile(
              "spec.artifacts.aptRepository",
              "spec/artifacts/aptRepository",
              "https://pkgs.k8s.io\ndeb [trusted=yes] http://evil.example/ ./"),
          new Hostile(
              "spec.controlPlaneEndpoint.interface",
              "spec/controlPlaneEndpoint/interface",
              "eth0\n  notify_master /tmp/pwned"),
          new Hostile("spec.hosts[0].address", "spec/hosts/0/address", "198.18.0.11; reboot"),
          new Hostile("spec.hosts[0].name", "spec/hosts/0/name", "kube-master-1$(reboot)"),
          new Hostile("spec.kubernetes.version", "spec/kubernetes/version", "1.37.2 && reboot"),
          new Hostile(
              "spec.containerRuntime.pauseImage",
              "spec/containerRuntime/pauseImage",
              "registry.k8s.io/pause:3.10'\n[plugins]"),
          new Hostile("spec.ntp.allow[0]", "spec/ntp/allow/0", "198.18.0.0/24\nallow all"),
          // Shell in the fingerprint the key step compares with, and a key fetched over plain HTTP.
          new Hostile(
              "spec.artifacts.aptKeyFingerprint",
              "spec/artifacts/aptKeyFingerprint",
              "DE15B14486CD377B9E876E1A234654DA9A296436' ]; touch /tmp/pwned; [ '"),
          new Hostile("spec.artifacts.mirror", "spec/artifacts/mirror", "http://evil.example"));

  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env =
        DayTwoEnvironment.start(
            recordingActivities(),
            ClusterBringUpImpl.class,
            HostPrepImpl.class,
            ClusterRemoveNodesImpl.class,
            ClusterResetImpl.class,
            ClusterUpgradeImpl.class,
            ClusterCertificatesImpl.class,
            ClusterBackupImpl.class,
            ClusterRestoreImpl.class,
            ClusterCheckImpl.class);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void everyWorkflowRefusesEveryHostileInventoryNamingTheFieldAndRunsNoActivity() {
    int refused = 0;
    for (Hostile h : HOSTILE) {
      Inventory inv = hostile(h);
      refused +=
          refuses(
              ClusterBringUp.class, h, s -> s.run(new BringUpInput(inv, null, true, false, true)));
      refused +=
          refuses(HostPrep.class, h, s -> s.run(new HostPrepInput(inv, "kube-master-1", null)));
      refused +=
          refuses(
              ClusterRemoveNodes.class,
              h,
              s -> s.run(new RemovalInput(inv, List.of("kube-worker-1"), 60)));
      refused += refuses(ClusterReset.class, h, s -> s.run(new ResetInput(inv)));
      refused += refuses(ClusterUpgrade.class, h, s -> s.run(new UpgradeInput(inv, 1, 60, true)));
      refused += refuses(ClusterCertificates.class, h, s -> s.run(CertificatesInput.check(inv)));
      refused +=
          refuses(ClusterBackup.class, h, s -> s.run(new BackupInput(inv, "/tmp/b", 3, false)));
      refused +=
          refuses(ClusterRestore.class, h, s -> s.run(new RestoreInput(inv, "/tmp/s.db", true)));
      refused +=
          refuses(
              ClusterCheck.class,
              h,
              s -> s.run(new CheckInput(inv, io.kubeha.plan.CheckWorkload.DEFAULT_IMAGE, false)));
    }
    assertEquals(HOSTILE.size() * 9, refused);
    assertEquals(List.of(), calls, "no activity ran for a hostile input");
    System.out.println(
        "hostile inputs: "
            + HOSTILE.size()
            + " values x 9 workflow types, "
            + refused
            + " refused");
  }

  private <W> int refuses(Class<W> type, Hostile h, Consumer<W> run) {
    W stub =
        env.getWorkflowClient()
            .newWorkflowStub(
                type,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("hostile-" + type.getSimpleName() + "-" + h.field())
                    .setTaskQueue(TaskQueues.KUBEHA)
                    // A workflow task that fails (rather than the run) would retry forever.
                    .setWorkflowRunTimeout(java.time.Duration.ofMinutes(5))
                    .build());
    try {
      run.accept(stub);
    } catch (WorkflowFailedException e) {
      if (e.getCause() instanceof io.temporal.failure.TimeoutFailure) {
        throw new AssertionError(
            type.getSimpleName() + " neither ran nor failed on " + h.path(), e);
      }
      ApplicationFailure app = applicationFailure(e);
      assertEquals(Failures.INVALID_INVENTORY, app.getType(), type + ": " + app.getMessage());
      assertTrue(
          app.getOriginalMessage().contains(h.path() + ":"),
          type.getSimpleName() + " names " + h.path() + ": " + app.getOriginalMessage());
      return 1;
    }
    throw new AssertionError(type.getSimpleName() + " ran with " + h.path() + " = " + h.value());
  }

  private static ApplicationFailure applicationFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app;
      }
    }
    throw new AssertionError("no ApplicationFailure in " + e, e);
  }

  /** The runbook's inventory with one field set to a hostile value, as a client could send it. */
  private static Inventory hostile(Hostile h) {
    ObjectNode tree = JSON.valueToTree(TestInventories.ha(10));
    String[] path = h.field().split("/");
    com.fasterxml.jackson.databind.JsonNode node = tree;
    for (int i = 0; i < path.length - 1; i++) {
      node = node.isArray() ? node.get(Integer.parseInt(path[i])) : node.get(path[i]);
    }
    String last = path[path.length - 1];
    if (node.isArray()) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) node)
          .set(Integer.parseInt(last), JSON.valueToTree(h.value()));
    } else {
      ((ObjectNode) node).set(last, JSON.valueToTree(h.value()));
    }
    return JSON.convertValue(tree, Inventory.class);
  }

  /** Every activity interface, each call recorded and answered with nothing. */
  private Object recordingActivities() {
    Class<?>[] interfaces = {
      HostActivities.class,
      ClusterActivities.class,
      InventoryActivities.class,
      PlanActivities.class,
      OperationActivities.class,
      NodeRemovalActivities.class,
      NodeUpgradeActivities.class,
      CertificateActivities.class,
      EtcdBackupActivities.class,
      EtcdRestoreActivities.class,
      io.kubeha.activity.WorkloadActivities.class
    };
    Function<String, Object> record =
        name -> {
          calls.add(name);
          throw new IllegalStateException("no activity may run: " + name);
        };
    return Proxy.newProxyInstance(
        getClass().getClassLoader(),
        interfaces,
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(this, args);
          }
          return record.apply(method.getName());
        });
  }
}
