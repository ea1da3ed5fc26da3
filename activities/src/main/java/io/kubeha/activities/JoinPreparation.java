package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.activity.JoinInput;
import io.kubeha.plan.ControlPlaneJoinSteps;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.Sha256;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.steps.DetachedCommand;
import java.time.Duration;

/**
 * A control plane's prepared join on its host: the prepare job (kubeadm join's preflight and
 * control-plane-prepare) and the marker it writes last, naming the template it ran for. The join
 * finishes from it only while the marker names this template, the filled config is there and the
 * token in it lives; it removes the job (marker and all) as it starts, so a join that fails or is
 * interrupted afterwards is started over whole.
 */
final class JoinPreparation {
  private static final Duration QUICK = Duration.ofSeconds(60);

  private final DetachedCommand detached;
  private final String job;
  private final FileSpec template;

  JoinPreparation(DetachedCommand detached, JoinInput input, FileSpec template) {
    this.detached = detached;
    this.job = input.prepareStep().id() + ".prepare";
    this.template = template;
  }

  String job() {
    return job;
  }

  /** preflight and control-plane-prepare on the filled config, then the marker. */
  String command() {
    return ControlPlaneJoinSteps.prepare(template.path())
        + " && printf '%s\\n' "
        + Sha256.hex(template.content())
        + " > "
        + quote(marker());
  }

  /** The phases the prepare left, once its job (marker and all) is gone. */
  String restCommand() {
    return "rm -rf "
        + quote(detached.jobDir(job))
        + " && "
        + ControlPlaneJoinSteps.rest(template.path());
  }

  /** Prepared for this template, its filled config there, and its token not deleted nor expired. */
  boolean ready(RemoteShell master, RemoteShell joining) {
    String look =
        "test \"$(cat "
            + quote(marker())
            + " 2>/dev/null)\" = "
            + Sha256.hex(template.content())
            + " && test -s "
            + quote(template.path());
    return joining.run(RemoteCommand.of(look, QUICK).withSummary("look for a prepared join")).ok()
        && BootstrapTokens.live(master, BootstrapTokens.joinOf(joining.target().host()));
  }

  /** A marker is there, whatever it names: the prepare job finished. */
  boolean finished(RemoteShell joining) {
    return joining
        .run(
            RemoteCommand.of("test -e " + quote(marker()), QUICK).withSummary("look for a prepare"))
        .ok();
  }

  /** The job was started (running, or ended without its result read yet). */
  boolean started(RemoteShell joining) {
    return NodeJoin.recorded(joining, detached, job);
  }

  /** Removes the job, its marker with it. */
  void clear(RemoteShell joining) {
    joining.runOk(
        RemoteCommand.of("rm -rf " + quote(detached.jobDir(job)), QUICK), "clear the prepare job");
  }

  private String marker() {
    return detached.jobDir(job) + "/prepared";
  }
}
