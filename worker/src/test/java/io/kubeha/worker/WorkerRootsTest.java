package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubeha.files.AllowedRoots;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerRootsTest {
  @TempDir Path dir;

  @Test
  void aWorkerAllowsItsHomeTheVariablesDirectoriesAndItsOptions() throws Exception {
    Path home = dir.resolve("home");
    AllowedRoots roots =
        WorkerRoots.of(
            home,
            Map.of(AllowedRoots.ENV, dir.resolve("a") + ":" + dir.resolve("b")),
            List.of(dir.resolve("c")));
    assertEquals(
        List.of(home, dir.resolve("a"), dir.resolve("b"), dir.resolve("c")), roots.roots());
    roots.check("snapshotPath", dir.resolve("b/x.db").toString());
    assertThrows(
        ApplicationFailure.class, () -> roots.check("snapshotPath", dir.resolve("d/x.db") + ""));
  }

  @Test
  void withoutTheVariableOrOptionsOnlyTheHome() {
    Path home = dir.resolve("home");
    assertEquals(List.of(home), WorkerRoots.of(home, Map.of(), List.of()).roots());
  }

  @Test
  void sshKeysMayAlsoBeInTheUsersSshDirectoryButNoOtherFile() throws Exception {
    Path home = dir.resolve("home");
    Path key =
        java.nio.file.Files.createDirectories(dir.resolve("user/.ssh")).resolve("id_ed25519");
    AllowedRoots files = WorkerRoots.of(home, Map.of(), List.of());
    assertEquals(
        key, WorkerRoots.forSsh(files, dir.resolve("user")).check("ssh.keyPath", key + ""));
    // A snapshot to upload, a backup directory: never from ~/.ssh.
    assertThrows(ApplicationFailure.class, () -> files.check("snapshotPath", key + ""));
  }
}
