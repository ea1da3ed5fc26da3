package io.kubeha.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs lab/bin/lab, found from the kubeha.lab.bin system property or above the working dir. */
final class LabScript {

  static final String BIN_PROPERTY = "kubeha.lab.bin";
  private static final Path RELATIVE = Path.of("lab", "bin", "lab");
  private static final java.io.File DEV_NULL = new java.io.File("/dev/null");

  private final Path bin;

  private LabScript(Path bin) {
    this.bin = bin;
  }

  static LabScript locate() {
    String configured = System.getProperty(BIN_PROPERTY);
    if (configured != null) {
      return new LabScript(Path.of(configured).toAbsolutePath());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve(RELATIVE))) {
        return new LabScript(dir.resolve(RELATIVE));
      }
    }
    throw new IllegalStateException(
        "lab/bin/lab not found above " + Path.of("").toAbsolutePath() + "; set -D" + BIN_PROPERTY);
  }

  /** Runs the script with ARGS; kills it when the timeout passes. */
  ExecResult run(Duration timeout, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(bin.toString());
    command.addAll(args);
    try {
      Process process =
          new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL)).start();
      CompletableFuture<String> out = readAsync(process.getInputStream());
      CompletableFuture<String> err = readAsync(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new LabException("lab " + String.join(" ", args) + " timed out after " + timeout);
      }
      return new ExecResult(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted: lab " + String.join(" ", args));
    }
  }

  /** Like run, but a non-zero exit is an exception carrying stderr. */
  ExecResult check(Duration timeout, List<String> args) {
    ExecResult result = run(timeout, args);
    if (!result.ok()) {
      throw new LabException(
          "lab "
              + String.join(" ", args)
              + " exited "
              + result.exitCode()
              + ": "
              + result.stderr().strip());
    }
    return result;
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
