package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.Inventory;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the plan renders for the supply chain: every curl it runs keeps to https (http too only with
 * insecure: true), and the apt key step compares with the expected fingerprint.
 */
class SupplyChainRenderingTest {
  /** curl as a command: at the start, or after ; & | { ( and blanks (not "command -v curl"). */
  private static final Pattern CURL = Pattern.compile("(?:^|[;&|{(]\\s*)curl ");

  @Test
  void everyCurlInTheRunbooksPlanIsHttpsOnly() {
    List<String> curls = curls(TestInventories.runbook());
    assertEquals(6, curls.size(), curls::toString); // the key fetch, once per node
    curls.forEach(c -> assertTrue(c.startsWith("--proto =https --proto-redir =https "), c));
  }

  @Test
  void theLabsInsecureAllowsHttpAndNoOtherProtocol() {
    List<String> curls = curls(TestInventories.lab());
    assertEquals(6, curls.size(), curls::toString);
    curls.forEach(
        c -> assertTrue(c.startsWith("--proto =http,https --proto-redir =http,https "), c));
  }

  @Test
  void theKeyStepComparesWithTheExpectedFingerprint() {
    assertTrue(
        keyStep(TestInventories.runbook())
            .contains("[ \"$fpr\" = '" + ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT + "' ]"));
    assertTrue(
        keyStep(TestInventories.lab())
            .contains("[ \"$fpr\" = '" + TestInventories.LAB_KEY + "' ]"));
  }

  @Test
  void pkgsK8sIoWithoutAFingerprintInTheInputStillGetsItsOwn() {
    // An inventory that did not pass through the defaults (e.g. a run recorded before the field).
    Inventory bare =
        TestInventories.withArtifacts(
            TestInventories.runbook(),
            new ArtifactsSpec(null, ArtifactsSpec.UPSTREAM_APT, java.util.Map.of()));
    assertTrue(
        keyStep(bare).contains("'" + ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT + "'"),
        keyStep(bare));
  }

  private static String keyStep(Inventory inv) {
    return KubeadmPackages.repository(inv).actions().stream()
        .filter(a -> a.name().equals("fetch-signing-key"))
        .map(Action::run)
        .findFirst()
        .orElseThrow();
  }

  /** The arguments of every curl command in every action of the plan. */
  private static List<String> curls(Inventory inv) {
    return PlanRenderer.render(inv).hosts().stream()
        .flatMap(h -> h.steps().stream())
        .flatMap(s -> s.actions().stream())
        .flatMap(a -> Stream.of(a.check(), a.run(), a.verify()))
        .filter(c -> c != null)
        .flatMap(SupplyChainRenderingTest::curlArguments)
        .toList();
  }

  private static Stream<String> curlArguments(String command) {
    Stream.Builder<String> found = Stream.builder();
    Matcher m = CURL.matcher(command);
    while (m.find()) {
      found.add(command.substring(m.end()));
    }
    return found.build();
  }
}
