package io.kubeha.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowedRootsTest {
  @TempDir Path dir;
  Path root;
  Path outside;
  AllowedRoots roots;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("home"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "not yours");
    roots = AllowedRoots.of(root);
  }

  @Test
  void aFileUnderARootIsAcceptedAsItsRealPath() throws Exception {
    Path file = Files.writeString(Files.createDirectories(root.resolve("a")).resolve("f"), "x");
    assertEquals(file.toRealPath(), roots.check("snapshotPath", file.toString()));
  }

  @Test
  void aFileNotYetWrittenUnderARootIsAccepted() throws Exception {
    Path later = root.resolve("clusters/lab/admin.conf");
    assertEquals(
        root.toRealPath().resolve("clusters/lab/admin.conf"),
        roots.check("adminConfPath", later.toString()));
  }

  @Test
  void aFileOutsideIsRefusedNamingTheFieldTheRootsAndTheFix() {
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> roots.check("RestoreInput.snapshotPath", outside.resolve("secret").toString()));
    assertTrue(f.isNonRetryable());
    assertEquals(AllowedRoots.NOT_ALLOWED, f.getType());
    String m = f.getOriginalMessage();
    assertTrue(m.startsWith("RestoreInput.snapshotPath " + outside.resolve("secret")), m);
    assertTrue(m.contains(root.toString()), m);
    assertTrue(m.contains("--allow-path DIR") && m.contains("KUBEHA_ALLOWED_PATHS"), m);
  }

  @Test
  void aSiblingWithTheRootsNameAsPrefixIsOutside() throws Exception {
    Path sibling = Files.createDirectories(dir.resolve("home-2"));
    assertThrows(ApplicationFailure.class, () -> roots.check("f", sibling.resolve("x").toString()));
  }

  @Test
  void dotDotIsRefusedEvenWhenItWouldLandInside() {
    for (String p :
        List.of(
            root + "/../outside/secret",
            root + "/a/../b",
            root + "/../" + root.getFileName() + "/x")) {
      ApplicationFailure f =
          assertThrows(ApplicationFailure.class, () -> roots.check("BackupInput.dir", p), p);
      assertTrue(f.getOriginalMessage().contains("'..'"), f.getOriginalMessage());
    }
  }

  @Test
  void aSymlinkPointingOutIsRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("link"), outside.resolve("secret"));
    Files.createSymbolicLink(root.resolve("dirlink"), outside);
    assertThrows(
        ApplicationFailure.class, () -> roots.check("keyPath", root.resolve("link").toString()));
    assertThrows(
        ApplicationFailure.class,
        () -> roots.check("keyPath", root.resolve("dirlink/secret").toString()));
    // Not there yet, behind a link out: it would be written outside.
    assertThrows(
        ApplicationFailure.class,
        () -> roots.check("adminConfPath", root.resolve("dirlink/new/admin.conf").toString()));
  }

  @Test
  void aDanglingSymlinkIsRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("not-yet"));
    assertThrows(
        ApplicationFailure.class,
        () -> roots.check("adminConfPath", root.resolve("dangling").toString()));
    assertFalse(Files.exists(outside.resolve("not-yet")));
  }

  @Test
  void aSymlinkInsideTheRootIsFollowed() throws Exception {
    Path real = Files.writeString(root.resolve("real"), "x");
    Files.createSymbolicLink(root.resolve("alias"), real);
    assertEquals(real.toRealPath(), roots.check("keyPath", root.resolve("alias").toString()));
  }

  @Test
  void aRootThatIsASymlinkAllowsWhatIsUnderItByEitherName() throws Exception {
    Path target = Files.createDirectories(dir.resolve("real-state"));
    Path linked = Files.createSymbolicLink(dir.resolve("state-link"), target);
    AllowedRoots viaLink = AllowedRoots.of(linked);
    Path file = Files.writeString(target.resolve("snap.db"), "x");
    assertEquals(file.toRealPath(), viaLink.check("snapshotPath", linked + "/snap.db"));
    assertEquals(file.toRealPath(), viaLink.check("snapshotPath", file.toString()));
    assertThrows(
        ApplicationFailure.class,
        () -> viaLink.check("snapshotPath", outside.resolve("secret").toString()));
  }

  @Test
  void aRootNotYetCreatedStillHoldsItsFiles() throws Exception {
    AllowedRoots later = AllowedRoots.of(dir.resolve("later"));
    assertEquals(
        dir.toRealPath().resolve("later/x"), later.check("dir", dir.resolve("later/x") + ""));
  }

  @Test
  void emptyAndNulAreRefusedNamingTheField() {
    for (String bad : new String[] {null, "", "  ", root + "/a\0b"}) {
      ApplicationFailure f =
          assertThrows(ApplicationFailure.class, () -> roots.check("credentialsFile", bad));
      assertTrue(f.getOriginalMessage().startsWith("credentialsFile "), f.getOriginalMessage());
      assertTrue(f.isNonRetryable());
    }
  }

  @Test
  void theListOfTheVariableIsColonSeparated() {
    assertEquals(List.of(Path.of("/a"), Path.of("/b c")), AllowedRoots.parse("/a::/b c:"));
    assertEquals(List.of(), AllowedRoots.parse(null));
    assertEquals(
        List.of(Path.of(System.getProperty("user.home"), ".ssh/kubeha")),
        AllowedRoots.parse("~/.ssh/kubeha"));
    assertEquals(2, roots.with(AllowedRoots.parse("/srv/x:" + root)).roots().size());
  }
}
