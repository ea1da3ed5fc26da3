package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamSupportTest {
  private static final LocalDate DAY = LocalDate.parse("2026-12-06");

  @Test
  void warnsForAMinorPastItsEndOfLifeAndForOlderOnesButNotForSupportedOnes() {
    assertEquals(
        Optional.of(
            "spec.kubernetes.version: 1.34 is out of upstream support since 2026-10-27"
                + " (kubernetes.io/releases/1.34) — plan an upgrade (./kubeha upgrade) to a"
                + " supported minor, e.g. 1.37"),
        UpstreamSupport.warning("1.34.2", DAY));
    assertTrue(UpstreamSupport.warning("1.32.0", DAY).orElseThrow().contains("older than 1.33"));
    assertEquals(Optional.empty(), UpstreamSupport.warning("1.35.1", DAY));
    assertEquals(Optional.empty(), UpstreamSupport.warning("1.37.2", DAY));
    assertEquals(Optional.empty(), UpstreamSupport.warning("1.38.0", DAY), "newer: not known yet");
    assertEquals(
        Optional.empty(), UpstreamSupport.warning("1.35.1", LocalDate.parse("2027-02-28")));
    assertTrue(UpstreamSupport.warning("1.35.1", LocalDate.parse("2027-03-01")).isPresent());
  }

  @Test
  void validateWarnsOfAnNtpServerOpenToEveryAddressAndStillSaysValid(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("open-ntp.yaml");
    Files.writeString(
        file,
        Files.readString(Path.of(ValidateCommandTest.RUNBOOK))
            .replace("allow: [192.168.2.0/24]", "allow: [0.0.0.0/0]"));
    Cli r = Cli.run("validate", "-f", file.toString(), "--skip-ssh-files");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(r.err().contains("warning: spec.ntp.allow[0]: 0.0.0.0/0 lets any host"), r.err());
  }

  @Test
  void validateWarnsAndStillSaysValid() {
    // examples/runbook.yaml keeps the runbook's own Kubernetes 1.32.0.
    Cli r = Cli.run("validate", "-f", ValidateCommandTest.RUNBOOK, "--skip-ssh-files");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertTrue(
        r.err().contains("warning: spec.kubernetes.version: 1.32 is out of upstream support"),
        r.err());
  }
}
