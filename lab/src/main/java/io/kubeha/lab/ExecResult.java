package io.kubeha.lab;

/** The outcome of one command run in a lab host (or of one lab/bin/lab call). */
public record ExecResult(int exitCode, String stdout, String stderr) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** stdout without its trailing newline. */
  public String out() {
    return stdout.strip();
  }
}
