package io.kubeha.campaign;

import io.kubeha.starter.TemporalStackScript;
import io.kubeha.worker.LabCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * scripts/temporal-stack (PostgreSQL, the Temporal server, the UI) on free ports, one per campaign
 * run.
 */
final class StackTemporal implements CampaignTemporal {
  private final TemporalStackScript stack;

  private StackTemporal(TemporalStackScript stack) {
    this.stack = stack;
  }

  /**
   * `temporal-stack up` with its state under state; fails with the script's output if it does not
   * come up.
   */
  static StackTemporal up(Path state) throws Exception {
    if (!TemporalStackScript.installed()) {
      throw new IllegalStateException(
          "--temporal stack needs PostgreSQL 15 and Go: run scripts/install-deps");
    }
    Files.createDirectories(state);
    TemporalStackScript stack = TemporalStackScript.onFreePorts(state);
    check(stack.run(TemporalStackScript.FIRST_UP, "up"), "up");
    return new StackTemporal(stack);
  }

  @Override
  public LabCluster startLab(int masters, int workers, int lbs, Path state) {
    return LabCluster.onServer(masters, workers, lbs, stack.address(), stack.security(), state);
  }

  @Override
  public String address() {
    return stack.address();
  }

  /** The stack requires mutual TLS: its client certificate, in the temporal CLI's variables. */
  @Override
  public Map<String, String> clientEnvironment() {
    return stack.tlsEnvironment();
  }

  @Override
  public void killServer(Duration outage) throws Exception {
    killAndBringBack("server", outage);
  }

  @Override
  public void killDatabase(Duration outage) throws Exception {
    killAndBringBack("postgres", outage);
  }

  /**
   * `temporal-stack kill PART` (kill -9), its exit, the outage, then `up`, which starts what is
   * down.
   */
  private void killAndBringBack(String part, Duration outage) throws Exception {
    Map<String, Long> pids = stack.pids();
    Long pid = pids.get(part);
    if (pid == null) {
      throw new IllegalStateException(part + " is not up before its kill: " + pids);
    }
    check(stack.run(TemporalStackScript.UP, "kill", part), "kill " + part);
    TemporalStackScript.waitForExit(pid);
    Thread.sleep(outage.toMillis()); // the outage being simulated, not a synchronisation
    check(stack.run(TemporalStackScript.UP, "up"), "up after kill " + part);
  }

  @Override
  public void close() {
    check(stack.run(TemporalStackScript.UP, "down"), "down");
  }

  private static void check(TemporalStackScript.Run run, String what) {
    if (run.exitCode() != 0) {
      throw new IllegalStateException(
          "temporal-stack " + what + " exited " + run.exitCode() + ": " + run.output());
    }
  }
}
