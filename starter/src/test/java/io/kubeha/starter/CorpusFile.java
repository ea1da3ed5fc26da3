package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A corpus inventory copied for one test run, with the paths its first line expects.
 *
 * <p>The first line reads {@code # expect: PATH...}; {@code {file}} in a path stands for the file
 * itself (YAML syntax errors are located as FILE:LINE:COLUMN). {@code @PWNED@} in the text becomes
 * a fresh file name, so a test can prove no injected command created it.
 */
record CorpusFile(Path path, List<String> expected) {
  private static final String HEADER = "# expect: ";
  private static final Pattern SUMMARY = Pattern.compile(".*(: | has )[0-9]+ problems?:?");

  /** Bytes are copied as Latin-1 so a file that is not UTF-8 stays exactly as broken as it was. */
  static CorpusFile copy(Path source, Path dir, Path pwned) throws IOException {
    String text =
        Files.readString(source, StandardCharsets.ISO_8859_1).replace("@PWNED@", pwned.toString());
    Path copy =
        Files.writeString(dir.resolve(source.getFileName()), text, StandardCharsets.ISO_8859_1);
    String first = text.lines().findFirst().orElse("");
    assertTrue(first.startsWith(HEADER), source + " must start with '" + HEADER + "PATH...'");
    List<String> expected =
        Arrays.stream(first.substring(HEADER.length()).trim().split("\\s+"))
            .map(p -> p.replace("{file}", copy.toString()))
            .toList();
    return new CorpusFile(copy, expected);
  }

  /**
   * Every expected path starts a problem line, and every problem line is at an expected path.
   * Summary lines ("FILE: 3 problems" from validate, "kubeha: FILE has 3 problems:" from plan) are
   * not problems.
   */
  void assertNamesExactlyItsPaths(Cli run, String command) {
    List<String> problems =
        (run.out() + run.err())
            .lines()
            .filter(line -> !SUMMARY.matcher(line).matches())
            .map(CorpusFile::withoutPrefix)
            .toList();
    for (String path : expected) {
      assertTrue(
          problems.stream().anyMatch(line -> names(line, path)),
          () -> command + " did not name " + path + ": " + problems);
    }
    for (String line : problems) {
      assertTrue(
          expected.stream().anyMatch(path -> names(line, path)),
          () -> command + " named an unexpected path: " + line);
    }
  }

  /**
   * No stack trace, and no control character but newline that could drive the operator's terminal.
   */
  void assertClean(Cli run) {
    String all = run.out() + run.err();
    assertFalse(all.contains("Exception") || all.contains("\tat "), () -> "a stack trace: " + all);
    assertTrue(
        all.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c != 0x7f)),
        () -> "a raw control character: " + all);
  }

  private static boolean names(String line, String path) {
    return line.startsWith(path + ":");
  }

  private static String withoutPrefix(String line) {
    String text = line.strip();
    return text.startsWith("kubeha: ") ? text.substring("kubeha: ".length()) : text;
  }
}
