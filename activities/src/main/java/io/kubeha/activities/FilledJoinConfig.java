package io.kubeha.activities;

import io.kubeha.activity.JoinInput;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.JoinConfigTemplate;
import io.kubeha.plan.Sha256;
import io.kubeha.plan.SharedCertificateKey;
import io.kubeha.plan.Step;
import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.steps.RemoteFileWriter;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * A join's config: its template from the plan, filled on the joining host with a token minted for
 * it (and the shared certificate key for a control plane) through stdin. The secrets never leave
 * this class.
 */
final class FilledJoinConfig {
  private static final Duration QUICK = Duration.ofSeconds(60);

  private FilledJoinConfig() {}

  /** The template: the join step's file with @TOKEN@, or its prepare step's. */
  static FileSpec template(JoinInput input) {
    Stream<Step> steps =
        input.prepareStep() == null
            ? Stream.of(input.joinStep())
            : Stream.of(input.joinStep(), input.prepareStep());
    return steps
        .flatMap(step -> step.files().stream())
        .filter(file -> file.content() != null && file.content().contains(JoinConfigTemplate.TOKEN))
        .findFirst()
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "step "
                        + input.joinStep().id()
                        + " has no join config template with "
                        + JoinConfigTemplate.TOKEN,
                    "InvalidPlan"));
  }

  /** Mints the secrets on master and writes the filled template to its path on joining (0600). */
  static void write(
      RemoteShell master, RemoteShell joining, FileSpec template, boolean controlPlane) {
    CommandResult minted =
        master.runOk(
            RemoteCommand.of(BootstrapTokens.create(joining.target().host()), QUICK)
                .asSecret("kubeadm token create"),
            "mint a join token");
    KubeadmOutput.JoinSecrets secrets = KubeadmOutput.joinSecrets(minted.stdout());
    String filled =
        template
            .content()
            .replace(JoinConfigTemplate.TOKEN, secrets.token())
            .replace(JoinConfigTemplate.CA_CERT_HASH, secrets.caCertHash());
    if (controlPlane) {
      CommandResult shared =
          master.runOk(
              RemoteCommand.of(SharedCertificateKey.UPLOAD, QUICK)
                  .asSecret("the shared certificate key (kubeadm init phase upload-certs)"),
              "upload certificates");
      filled =
          filled.replace(
              JoinConfigTemplate.CERTIFICATE_KEY, KubeadmOutput.certificateKey(shared.stdout()));
    }
    RemoteFileWriter.write(
        joining,
        template.path(),
        "0600",
        "root:root",
        Sha256.hex(filled),
        RemoteCommand.Stdin.of(filled),
        "write the join config");
  }
}
