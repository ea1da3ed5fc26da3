package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.files.AllowedRoots;
import io.kubeha.inventory.Inventory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before a run on the local dev server, the CLI names the files its worker would refuse. */
class LocalPathsNoteTest {
  @TempDir Path dir;

  @Test
  void namesEachFileOutsideTheRootsAndTheDirectoryToAllow() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Inventory inv = InventoryFile.require(TestInventory.write(keys, "c1", 40), true);
    Map<String, String> paths = LocalPathsNote.of(inv);
    assertEquals(List.of("spec.ssh.keyPath", "spec.ssh.knownHosts"), List.copyOf(paths.keySet()));
    paths.put("--dir", dir.resolve("backups").toString());

    StringWriter err = new StringWriter();
    LocalPathsNote.warn(AllowedRoots.of(dir.resolve("home")), paths, new PrintWriter(err));
    List<String> lines = err.toString().lines().toList();
    assertEquals(3, lines.size(), err.toString());
    assertTrue(lines.get(0).startsWith("kubeha: note: spec.ssh.keyPath " + keys), lines.get(0));
    assertTrue(lines.get(0).contains("KUBEHA_ALLOWED_PATHS=" + keys), lines.get(0));
    assertTrue(lines.get(0).contains("./kubeha worker --allow-path " + keys), lines.get(0));
    // A directory not made yet: its parent is what to allow.
    assertTrue(lines.get(2).contains("--allow-path " + dir + "`"), lines.get(2));
  }

  @Test
  void saysNothingWhenEveryFileIsInside() throws Exception {
    Inventory inv = InventoryFile.require(TestInventory.write(dir, "c2", 41), true);
    StringWriter err = new StringWriter();
    LocalPathsNote.warn(AllowedRoots.of(dir), LocalPathsNote.of(inv), new PrintWriter(err));
    assertEquals("", err.toString());
  }
}
