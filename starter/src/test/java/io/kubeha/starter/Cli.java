package io.kubeha.starter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs the kubeha command line in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = execute(out, err, args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** Runs the command on another thread; what it printed so far can be read while it runs. */
  static Running start(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    return new Running(out, err, CompletableFuture.supplyAsync(() -> execute(out, err, args)));
  }

  private static int execute(StringWriter out, StringWriter err, String... args) {
    CommandLine cli = Kubeha.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** A command still running: StringWriter is synchronised, so its output can be read meanwhile. */
  record Running(StringWriter out, StringWriter err, CompletableFuture<Integer> exit) {
    Cli await(Duration deadline) throws Exception {
      int code = exit.get(deadline.toSeconds(), TimeUnit.SECONDS);
      return new Cli(code, out.toString(), err.toString());
    }
  }
}
