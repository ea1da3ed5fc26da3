package io.kubeha.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's raise and restore of fs.inotify.max_user_instances, run by lab/lib/net.sh against a
 * file standing for the kernel value: the real one is shared with every container on the kernel, so
 * another lab may change it while a test watches (CI beside a developer's lab).
 */
class InotifyLimitTest {
  private static final Path LIB =
      Path.of(System.getProperty("kubeha.project", "..")).resolve("lab/lib").toAbsolutePath();

  @TempDir Path lab;

  @Test
  void raisesThenRestoresTheValueItFound() throws Exception {
    Path sysctl = kernelValue("128");
    run("inotify_raise", sysctl);
    assertEquals("8192", read(sysctl));
    run("inotify_restore", sysctl);
    assertEquals("128", read(sysctl));
    assertFalse(Files.exists(lab.resolve("inotify.saved")), "record left");
  }

  @Test
  void leavesAValueAnotherLabRaisedFurther() throws Exception {
    Path sysctl = kernelValue("16384");
    run("inotify_raise", sysctl);
    assertEquals("16384", read(sysctl));
    run("inotify_restore", sysctl);
    assertEquals("16384", read(sysctl));
  }

  @Test
  void leavesAValueChangedByAnotherLabWhileUp() throws Exception {
    Path sysctl = kernelValue("128");
    run("inotify_raise", sysctl);
    Files.writeString(sysctl, "1024\n");
    run("inotify_restore", sysctl);
    assertEquals("1024", read(sysctl));
    assertFalse(Files.exists(lab.resolve("inotify.saved")), "record left");
  }

  @Test
  void aSecondRaiseKeepsTheFirstRecord() throws Exception {
    Path sysctl = kernelValue("128");
    run("inotify_raise", sysctl);
    run("inotify_raise", sysctl);
    run("inotify_restore", sysctl);
    assertEquals("128", read(sysctl));
  }

  private Path kernelValue(String value) throws IOException {
    return Files.writeString(lab.resolve("max_user_instances"), value + "\n");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file).strip();
  }

  private void run(String function, Path sysctl) throws Exception {
    String script =
        String.format(
            "set -euo pipefail; source '%s/common.sh'; source '%s/net.sh';"
                + " LAB='%s'; INOTIFY_SYSCTL='%s'; %s",
            LIB, LIB, lab, sysctl, function);
    Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    bash.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, bash.exitValue(), function + ": " + out);
  }
}
