package io.kubeha.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a local program for a test (validators, shells) and collects its exit status and output. */
final class Processes {
  private static final long TIMEOUT_SECONDS = 30;

  record Result(int exitCode, String output) {}

  private Processes() {}

  static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, null);
  }

  static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return new Result(p.exitValue(), out);
  }

  static boolean installed(String program) {
    return List.of("/usr/sbin", "/usr/bin", "/bin", "/sbin").stream()
        .anyMatch(dir -> Path.of(dir, program).toFile().canExecute());
  }
}
