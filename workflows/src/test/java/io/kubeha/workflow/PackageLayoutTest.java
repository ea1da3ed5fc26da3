package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workflows' layout (docs/architecture.md): the engine uses no operation, common uses only the
 * engine, an operation uses only the engine and common.
 */
class PackageLayoutTest {
  private static final Path ROOT = Path.of("src/main/java/io/kubeha/workflow");
  private static final Set<String> OPERATIONS =
      Set.of("bringup", "upgrade", "removal", "reset", "restore", "backup", "certs", "check");

  /** io.kubeha.workflow.PACKAGE.Type, imported or written out. */
  private static final Pattern USE = Pattern.compile("io\\.kubeha\\.workflow\\.([a-z]+)\\.[A-Z]");

  @Test
  void everyPackageIsKnown() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      List<String> unknown =
          dirs.map(d -> d.getFileName().toString())
              .filter(p -> !OPERATIONS.contains(p) && !p.equals("engine") && !p.equals("common"))
              .toList();
      assertEquals(List.of(), unknown, "a new package: add it to the layout and to this test");
    }
  }

  @Test
  void theEngineUsesNoOperationAndCommonOnlyTheEngine() throws IOException {
    assertEquals(List.of(), uses("engine", Set.of()));
    assertEquals(List.of(), uses("common", Set.of("engine")));
  }

  @Test
  void anOperationUsesOnlyTheEngineAndCommon() throws IOException {
    for (String op : OPERATIONS) {
      assertEquals(List.of(), uses(op, Set.of("engine", "common")), op);
    }
  }

  @Test
  void theCheckSeesAnImport() {
    Matcher m = USE.matcher("import io.kubeha.workflow.bringup.ClusterBringUp;");
    assertTrue(m.find());
    assertEquals("bringup", m.group(1));
  }

  /** "File.java uses PACKAGE" for each use from pkg of a workflow package not allowed. */
  private static List<String> uses(String pkg, Set<String> allowed) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve(pkg))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = USE.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).equals(pkg) && !allowed.contains(m.group(1))) {
            found.add(f.getFileName() + " uses " + m.group(1));
          }
        }
      }
    }
    return found;
  }
}
