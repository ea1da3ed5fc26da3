package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (issue 7): every file under bad-inventories/ is good-inventory.yaml with one
 * kind of problem, and both validate and plan reject it with exit 2, naming exactly the paths its
 * first line expects, with no stack trace, no raw control character, and no injected command run.
 */
class BadInventoryCorpusTest {
  static final Path RESOURCES = Path.of("src", "test", "resources");
  static final Path CORPUS = RESOURCES.resolve("bad-inventories");

  @TempDir Path dir;

  static Stream<Path> corpus() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void corpusHasAtLeastThirtyFiles() throws IOException {
    assertTrue(corpus().count() >= 30, "issue 7 asks for at least 30 malformed inventories");
  }

  /** The base is valid, so each corpus file's exit 2 comes from the one thing it changes. */
  @Test
  void baseInventoryIsValid() {
    String base = RESOURCES.resolve("good-inventory.yaml").toString();
    Cli validate = Cli.run("validate", "-f", base, "--skip-ssh-files");
    assertEquals(ExitCodes.OK, validate.exitCode(), validate::toString);
    Cli plan = Cli.run("plan", "-f", base);
    assertEquals(ExitCodes.OK, plan.exitCode(), plan::err);
  }

  @Test
  void zeroByteFileIsEmpty() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.yaml"));
    Cli r = Cli.run("validate", "-f", empty.toString(), "--skip-ssh-files");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    assertTrue(r.out().startsWith(empty + ": is empty — "), r.out());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void rejectedWithItsFieldsNamed(Path source) throws IOException {
    Path pwned = Path.of("/tmp", "kubeha-pwned-" + UUID.randomUUID());
    CorpusFile file = CorpusFile.copy(source, dir, pwned);

    Cli validate = Cli.run("validate", "-f", file.path().toString(), "--skip-ssh-files");
    assertEquals(ExitCodes.BAD_INPUT, validate.exitCode(), validate::toString);
    file.assertNamesExactlyItsPaths(validate, "validate");
    file.assertClean(validate);

    Cli plan = Cli.run("plan", "-f", file.path().toString());
    assertEquals(ExitCodes.BAD_INPUT, plan.exitCode(), plan::toString);
    assertEquals("", plan.out(), "plan renders nothing for a bad inventory");
    file.assertNamesExactlyItsPaths(plan, "plan");
    file.assertClean(plan);

    assertFalse(Files.exists(pwned), "an injected command ran: " + pwned + " exists");
  }
}
