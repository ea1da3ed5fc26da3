package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.temporal.yml parses with Debian's docker-compose and is complete
 * (scripts/check-compose).
 */
class ComposeFileTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.temporal.yml");

  @TempDir Path dir;

  /** CI installs docker-compose (scripts/install-deps); a developer machine without it skips. */
  @BeforeAll
  static void dockerComposeIsInstalled() {
    boolean found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "docker-compose")));
    assumeTrue(found, "docker-compose is not installed");
  }

  @Test
  void composeFileIsComplete() throws Exception {
    Run r = checkCompose(COMPOSE_FILE);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("is complete (5 services"), r.output());
  }

  @Test
  void checkFailsOnAPortPublishedOnEveryInterface() throws Exception {
    Run everywhere =
        checkCompose(copyWith("\"${KUBEHA_PUBLISH_IP:-127.0.0.1}:8080:8080\"", "\"8080:8080\""));
    assertEquals(1, everywhere.exitCode(), everywhere.output());
    assertTrue(
        everywhere
            .output()
            .contains(
                "temporal-ui publishes port 8080 on every interface, not 127.0.0.1 by default"),
        everywhere.output());
  }

  @Test
  void checkFailsOnADefaultPassword() throws Exception {
    Run defaulted =
        checkCompose(
            copyWith(
                "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", "${POSTGRES_PASSWORD:-temporal}"));
    assertEquals(1, defaulted.exitCode(), defaulted.output());
    assertTrue(
        defaulted.output().contains("PostgreSQL's password has a default"), defaulted.output());
  }

  @Test
  void checkFailsWhenTheSearchAttributeIsNotAKeyword() throws Exception {
    Run r =
        checkCompose(
            copyWith("--name KubehaPhase --type Keyword", "--name KubehaPhase --type Text"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(
        r.output().contains("does not create the KubehaPhase Keyword search attribute"),
        r.output());
  }

  @Test
  void checkFailsOnAnUnpinnedImageAndAServerThatDoesNotWaitForItsSchema() throws Exception {
    String ui =
        Files.readAllLines(COMPOSE_FILE).stream()
            .filter(l -> l.contains("image: temporalio/ui:"))
            .findFirst()
            .orElseThrow();
    Path broken = copyWith(ui, "    image: temporalio/ui:latest");
    Files.writeString(
        broken,
        Files.readString(broken)
            .replace("condition: service_completed_successfully", "condition: service_started"));
    Run r = checkCompose(broken);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("image 'temporalio/ui:latest' is not pinned"), r.output());
    assertTrue(
        r.output()
            .contains(
                "temporal does not wait for temporal-schema (service_completed_successfully)"),
        r.output());
  }

  @Test
  void checkFailsOnYamlThatDoesNotParse() throws Exception {
    Path broken = Files.writeString(dir.resolve("docker-compose.temporal.yml"), "services: [\n");
    assertTrue(checkCompose(broken).exitCode() != 0);
  }

  /** A copy next to a copy of the dynamic config it mounts, with one text replaced. */
  private Path copyWith(String text, String replacement) throws IOException {
    String original = Files.readString(COMPOSE_FILE);
    assertTrue(original.contains(text), text);
    Files.createDirectories(dir.resolve("docker"));
    Files.copy(
        ROOT.resolve("docker/temporal-dynamicconfig.yaml"),
        dir.resolve("docker/temporal-dynamicconfig.yaml"));
    return Files.writeString(
        dir.resolve("docker-compose.temporal.yml"), original.replace(text, replacement));
  }

  /** Output goes to a file, so a hung check fails at the deadline instead of blocking a read. */
  private Run checkCompose(Path file) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "check-compose", ".log");
    Process p =
        new ProcessBuilder(ROOT.resolve("scripts/check-compose").toString(), file.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "check-compose did not finish within 60 s: " + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String output) {}
}
