package io.kubeha.ansible;

import io.kubeha.plan.FileSpec;
import io.kubeha.plan.JoinConfigTemplate;
import io.kubeha.plan.SharedCertificateKey;
import io.kubeha.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before a join (a control plane's: before its prepare): mints a token on the first master at that
 * moment (and, for a control plane, takes the certificate key all joins share), and writes the join
 * config template filled with them; every task no_log.
 */
final class JoinSecretTasks {
  static final String JOIN_COMMAND = "kubeha_join_command";
  static final String CERTIFICATE_UPLOAD = "kubeha_certificate_upload";
  private static final int QUICK_SECONDS = 60;

  private final String firstMaster;
  private final String template;
  private final boolean controlPlane;

  private JoinSecretTasks(String firstMaster, String template) {
    this.firstMaster = firstMaster;
    this.template = template;
    this.controlPlane = template.contains(JoinConfigTemplate.CERTIFICATE_KEY);
  }

  /** The secret tasks for step when it holds a join config template (a file with @TOKEN@). */
  static Optional<JoinSecretTasks> of(Step step, String firstMaster) {
    return step.files().stream()
        .map(FileSpec::content)
        .filter(content -> content != null && content.contains(JoinConfigTemplate.TOKEN))
        .findFirst()
        .map(content -> new JoinSecretTasks(firstMaster, content));
  }

  List<Map<String, Object>> tasks(String when) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    tasks.add(
        onFirstMaster(
            "mint a join token on " + firstMaster,
            "kubeadm token create --print-join-command --ttl 1h",
            JOIN_COMMAND,
            when));
    if (controlPlane) {
      tasks.add(
          onFirstMaster(
              "the certificate key shared by the joins on "
                  + firstMaster
                  + " (kubeadm init phase upload-certs when none is fresh)",
              SharedCertificateKey.UPLOAD,
              CERTIFICATE_UPLOAD,
              when));
    }
    tasks.add(filledConfig(when));
    return tasks;
  }

  private Map<String, Object> onFirstMaster(
      String name, String command, String register, String when) {
    Map<String, Object> task = Tasks.shell("kubeadm-join: " + name, command, QUICK_SECONDS);
    task.put("delegate_to", new Unsafe(firstMaster));
    task.put("register", register);
    task.put("no_log", true);
    task.put("when", when);
    return task;
  }

  private Map<String, Object> filledConfig(String when) {
    String content =
        "{{ kubeha_join_template"
            + " | replace('"
            + JoinConfigTemplate.TOKEN
            + "', kubeha_join_words[kubeha_join_words.index('--token') + 1])"
            + " | replace('"
            + JoinConfigTemplate.CA_CERT_HASH
            + "',"
            + " kubeha_join_words[kubeha_join_words.index('--discovery-token-ca-cert-hash') + 1])"
            + (controlPlane
                ? " | replace('"
                    + JoinConfigTemplate.CERTIFICATE_KEY
                    + "', "
                    + CERTIFICATE_UPLOAD
                    + ".stdout_lines | last)"
                : "")
            + " }}";
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("dest", JoinConfigTemplate.CONFIG_PATH);
    args.put("content", content);
    args.put("mode", "0600");
    Tasks.putOwner(args, null);
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("kubeha_join_template", new Unsafe(template));
    vars.put("kubeha_join_words", "{{ " + JOIN_COMMAND + ".stdout.split() }}");
    Map<String, Object> task =
        Tasks.task(
            "kubeadm-join: write the join config with the fresh secrets",
            "ansible.builtin.copy",
            args);
    task.put("vars", vars);
    task.put("no_log", true);
    task.put("when", when);
    return task;
  }
}
