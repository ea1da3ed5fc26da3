package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.CheckPod;
import io.kubeha.activity.WorkloadCheckResult;
import io.kubeha.activity.WorkloadProbe;
import io.kubeha.workflow.check.CheckResult;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubeha check's help, its refusal of a bad image, and how it reports a check; no cluster. */
class CheckCommandTest {
  @TempDir Path dir;

  @Test
  void itsHelpSaysWhatItProvesAndItsOptions() {
    Cli help = Cli.run("check", "--help");
    assertEquals(0, help.exitCode(), help.err());
    assertTrue(help.out().contains("Prove the cluster serves a workload"), help.out());
    assertTrue(help.out().contains("--image=IMAGE"), help.out());
    assertTrue(help.out().contains("registry.k8s.io/e2e-test-images/agnhost:2.66.1"), help.out());
    assertTrue(help.out().contains("--keep"), help.out());
  }

  @Test
  void aBadImageIsRefusedNamingTheFlagBeforeAnythingIsContacted() {
    Path inventory = TestInventory.write(dir, "check-bad-image", 77);
    for (String bad : List.of("agnhost", "registry.k8s.io/agnhost:1 --privileged", "a:b;reboot")) {
      Cli check =
          Cli.run("check", "-f", inventory.toString(), "--image", bad, "--address", "127.0.0.1:1");
      assertEquals(ExitCodes.BAD_INPUT, check.exitCode(), check.err());
      assertTrue(check.err().contains("--image: "), check.err());
      assertTrue(check.err().contains("is not a pinned image reference"), check.err());
      assertEquals("", check.out());
    }
  }

  @Test
  void aPassedCheckPrintsEveryProbeThenTheVerdict() {
    String printed = printed(result(false, "kube-worker-1", "kube-worker-2"));
    assertTrue(
        printed.contains(
            "  ok      ClusterIP 10.96.4.2:80 from kube-master-1: kubeha-check-a\n"
                + "  ok      NodePort 198.18.0.21:31234 from kube-worker-1: kubeha-check-b\n"),
        printed);
    assertTrue(
        printed.contains(
            "Cluster lab serves a workload: 3 Pods on 2 nodes; ClusterIP, NodePort, DNS and"
                + " Pod-to-Pod answered from every node\n"),
        printed);
    assertTrue(!printed.contains("kept"), printed);
  }

  @Test
  void aKeptWorkloadOnOneNodeSaysSoAndHowToRemoveIt() {
    String printed = printed(result(true, "kube-worker-1", "kube-worker-1"));
    assertTrue(printed.contains("3 Pods on 1 node; ClusterIP, NodePort and DNS answered"), printed);
    assertTrue(printed.contains("Pod to Pod across nodes was not tried"), printed);
    assertTrue(printed.contains("kubectl delete namespace kubeha-check removes it"), printed);
  }

  @Test
  void theProbesOfAFailedCheckComeFromItsFailure() {
    WorkloadCheckResult probes = result(false, "kube-worker-1", "kube-worker-2").workload();
    ApplicationFailure failure =
        ApplicationFailure.newNonRetryableFailureWithCause(
            "Run a test workload ...: 1 of 2 probes failed",
            "PhaseFailed",
            ApplicationFailure.newNonRetryableFailure(
                "1 of 2 probes failed", CheckResult.PROBES_FAILED, probes));
    assertEquals(probes, CheckReport.ofFailure(failure).orElseThrow());
    assertTrue(CheckReport.ofFailure(new RuntimeException("timed out")).isEmpty());
  }

  private static String printed(CheckResult result) {
    StringWriter text = new StringWriter();
    CheckReport.print(result, new PrintWriter(text, true));
    return text.toString();
  }

  private static CheckResult result(boolean kept, String nodeOfA, String nodeOfB) {
    return new CheckResult(
        "lab",
        null,
        new WorkloadCheckResult(
            List.of(
                new CheckPod("kubeha-check-a", "10.244.1.2", nodeOfA),
                new CheckPod("kubeha-check-b", "10.244.2.2", nodeOfB),
                new CheckPod("kubeha-check-c", "10.244.1.3", nodeOfA)),
            "10.96.4.2",
            31234,
            List.of(
                new WorkloadProbe(
                    "ClusterIP 10.96.4.2:80", "kube-master-1", true, "kubeha-check-a"),
                new WorkloadProbe(
                    "NodePort 198.18.0.21:31234", "kube-worker-1", true, "kubeha-check-b")),
            kept),
        List.of(),
        List.of());
  }
}
