package io.kubeha.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Whether another user (nobody, uid 65534) can read a file: asked of the kernel, as root. */
final class OtherUser {
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private OtherUser() {}

  /** Only root may read as another user. */
  static boolean available() {
    return "root".equals(System.getProperty("user.name")) && Files.isExecutable(SETPRIV);
  }

  static boolean canRead(Path file) throws Exception {
    Process p =
        new ProcessBuilder(
                SETPRIV.toString(),
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--",
                "cat",
                file.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("cat as nobody did not end: " + file);
    }
    return p.exitValue() == 0;
  }
}
