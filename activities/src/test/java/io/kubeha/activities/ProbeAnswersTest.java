package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activities.ProbeAnswers.Verdict;
import io.kubeha.ssh.CommandResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeAnswersTest {
  private static final List<String> PODS = List.of("kubeha-check-a", "kubeha-check-b");

  @Test
  void aDialAnswerWithAnExpectedNamePasses() {
    Verdict v = ProbeAnswers.dial(ok("{\"responses\":[\"kubeha-check-b\"]}"), PODS);
    assertEquals(new Verdict(true, "kubeha-check-b"), v);
  }

  @Test
  void aDialAnswerWithErrorsFails() {
    Verdict v =
        ProbeAnswers.dial(
            ok(
                "{\"errors\":[\"Get \\\"http://10.244.2.3:8080/hostname\\\": context deadline"
                    + " exceeded\"]}"),
            PODS);
    assertFalse(v.ok());
    assertTrue(v.detail().startsWith("the Pod's request failed: Get"), v.detail());
    assertTrue(v.detail().contains("context deadline exceeded"), v.detail());
  }

  @Test
  void aDialAnswerWithAnotherNameFails() {
    Verdict v =
        ProbeAnswers.dial(ok("{\"responses\":[\"some-other-pod\"]}"), List.of("kubeha-check-a"));
    assertFalse(v.ok());
    assertEquals("answered \"some-other-pod\", expected one of [kubeha-check-a]", v.detail());
  }

  @Test
  void aDialThatNetexecRefusedOrThatNeverReachedThePodFails() {
    Verdict refused =
        ProbeAnswers.dial(
            ok(
                "host and/or port param are invalid. lookup kubeha-check.kubeha-check.svc: no such host\n"),
            PODS);
    assertFalse(refused.ok());
    assertTrue(refused.detail().startsWith("answered: host and/or port"), refused.detail());
    Verdict empty = ProbeAnswers.dial(ok("{}"), PODS);
    assertFalse(empty.ok());
    Verdict unreachable =
        ProbeAnswers.dial(
            new CommandResult(
                7, "", "curl: (7) Failed to connect to 10.244.1.2 port 8080 after 3 ms\n"),
            PODS);
    assertEquals(
        new Verdict(false, "curl: (7) Failed to connect to 10.244.1.2 port 8080 after 3 ms"),
        unreachable);
  }

  @Test
  void hostnameMustBeOneOfThePods() {
    assertEquals(
        new Verdict(true, "kubeha-check-a"), ProbeAnswers.hostname(ok("kubeha-check-a"), PODS));
    Verdict other = ProbeAnswers.hostname(ok("kube-worker-1\n"), PODS);
    assertFalse(other.ok());
    assertTrue(other.detail().startsWith("answered \"kube-worker-1\""), other.detail());
    Verdict timeout =
        ProbeAnswers.hostname(
            new CommandResult(28, "", "curl: (28) Connection timed out after 5001 milliseconds"),
            PODS);
    assertEquals(
        new Verdict(false, "curl: (28) Connection timed out after 5001 milliseconds"), timeout);
  }

  @Test
  void clusterDnsMustAnswerTheServicesAddress() {
    String answer =
        " 4b 48 81 80 00 01 00 01 00 00 00 00 01 61 00 00 01 00 01"
            + " c0 0c 00 01 00 01 00 00 00 05 00 04 0a 60 04 02\n";
    assertEquals(new Verdict(true, "10.96.4.2"), ProbeAnswers.dns(ok(answer), "10.96.4.2"));
    Verdict other = ProbeAnswers.dns(ok(answer), "10.96.9.9");
    assertEquals(new Verdict(false, "answered [10.96.4.2], not the Service's 10.96.9.9"), other);
    assertEquals(
        new Verdict(false, "no answer from cluster DNS"), ProbeAnswers.dns(ok(""), "10.96.4.2"));
  }

  @Test
  void aLongAnswerIsShortenedToOneLine() {
    Verdict v = ProbeAnswers.hostname(ok("x".repeat(500) + "\ny"), PODS);
    assertFalse(v.ok());
    assertTrue(v.detail().length() <= 203 && !v.detail().contains("\n"), v.detail());
  }

  private static CommandResult ok(String stdout) {
    return new CommandResult(0, stdout, "");
  }
}
