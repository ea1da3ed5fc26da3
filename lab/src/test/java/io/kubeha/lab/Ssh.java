package io.kubeha.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real OpenSSH client with strict host-key checking against a given known_hosts. */
final class Ssh {
  private Ssh() {}

  static ExecResult run(Path key, Path knownHosts, String user, String address, String command) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ssh",
                "-i",
                key.toString(),
                "-o",
                "UserKnownHostsFile=" + knownHosts,
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "BatchMode=yes",
                "-o",
                "ConnectTimeout=5",
                "-o",
                "LogLevel=ERROR",
                user + "@" + address,
                command));
    try {
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("ssh timed out: " + command);
      }
      return new ExecResult(p.exitValue(), out, "");
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
