package io.kubeha.plan.daytwo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The renderers are pure and below the workflows: they use no workflow, activity or Temporal
 * package, so the CLI renders a plan without them and the workflows can take it as data.
 */
class DayTwoLayoutTest {
  private static final Path DIR = Path.of("src/main/java/io/kubeha/plan/daytwo");

  @Test
  void usesNoWorkflowActivityNorTemporalPackage() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.matches(".*\\bio\\.(kubeha\\.(workflow|activity)|temporal)\\..*")) {
            found.add(f.getFileName() + ": " + line.strip());
          }
        }
      }
    }
    assertEquals(List.of(), found);
  }
}
