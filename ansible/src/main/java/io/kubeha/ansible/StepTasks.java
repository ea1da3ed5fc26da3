package io.kubeha.ansible;

import io.kubeha.plan.Action;
import io.kubeha.plan.Download;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.RegistryCredentials;
import io.kubeha.plan.Step;
import io.kubeha.plan.WorkerFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One plan step as Ansible tasks with kubeha's guards: files and downloads first, then each action
 * skipped when its check passes, or (without a check) unless something of the step changed, then
 * its verify.
 */
final class StepTasks {
  private final Step step;
  private final String prefix;
  private final JoinSecretTasks joinSecrets;
  private final List<String> changes = new ArrayList<>();
  private final List<Map<String, Object>> tasks = new ArrayList<>();

  private StepTasks(Step step, int index, JoinSecretTasks joinSecrets) {
    this.step = step;
    this.prefix = "kubeha_s" + index + "_";
    this.joinSecrets = joinSecrets;
  }

  /**
   * The tasks of step, the index-th step of its host's phase file; joinSecrets mints secrets for a
   * join step (or null).
   */
  static List<Map<String, Object>> render(Step step, int index, JoinSecretTasks joinSecrets) {
    StepTasks s = new StepTasks(step, index, joinSecrets);
    s.directories();
    for (int i = 0; i < step.files().size(); i++) {
      s.file(step.files().get(i), i);
    }
    for (int i = 0; i < step.downloads().size(); i++) {
      s.download(step.downloads().get(i), i);
    }
    for (int i = 0; i < step.workerFiles().size(); i++) {
      s.workerFile(step.workerFiles().get(i), i);
    }
    for (int i = 0; i < step.actions().size(); i++) {
      s.action(step.actions().get(i), i);
    }
    return s.tasks;
  }

  private String name(String what) {
    return step.id() + ": " + what;
  }

  /** copy and get_url need the parent directory; kubeha's writer makes it. */
  private void directories() {
    TreeSet<String> dirs = new TreeSet<>();
    step.files().forEach(f -> dirs.add(parent(f.path())));
    step.downloads().forEach(d -> dirs.add(parent(d.path())));
    step.workerFiles().forEach(f -> dirs.add(parent(f.path())));
    if (dirs.isEmpty()) {
      return;
    }
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("path", "{{ item }}");
    args.put("state", "directory");
    Map<String, Object> task = Tasks.task(name("directories"), "ansible.builtin.file", args);
    task.put("loop", dirs.stream().map(Unsafe::new).toList());
    tasks.add(task);
  }

  private void file(FileSpec file, int i) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("dest", new Unsafe(file.path()));
    args.put("content", new Unsafe(file.content()));
    args.put("mode", new Unsafe(file.mode()));
    Tasks.putOwner(args, file.owner());
    Map<String, Object> task =
        Tasks.task(name("write " + file.path()), "ansible.builtin.copy", args);
    task.put("register", register("file" + i));
    tasks.add(task);
  }

  /**
   * The host fetches the file itself (kubeha fetches once on the worker and uploads); get_url skips
   * a file whose checksum matches.
   */
  private void download(Download download, int i) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("url", new Unsafe(download.url()));
    args.put("dest", new Unsafe(download.path()));
    args.put("checksum", new Unsafe("sha256:" + download.sha256().toLowerCase()));
    args.put("mode", isArchive(download.path()) ? "0644" : "0755");
    Tasks.putOwner(args, null);
    Map<String, Object> task =
        Tasks.task(name("download " + download.name()), "ansible.builtin.get_url", args);
    task.put("register", register("download" + i));
    tasks.add(task);
  }

  /**
   * A file kubeha completes on its worker is completed on the Ansible controller: a CA copied from
   * there, credentials read there by a lookup into the template, the task kept out of the output.
   */
  private void workerFile(WorkerFile file, int i) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("dest", new Unsafe(file.path()));
    Map<String, Object> vars = new LinkedHashMap<>();
    switch (file.fill()) {
      case PEM_CERTIFICATES -> args.put("src", new Unsafe(file.source()));
      case BASIC_AUTH -> {
        vars.put(prefix + "template", new Unsafe(file.template()));
        vars.put(prefix + "placeholder", new Unsafe(RegistryCredentials.PLACEHOLDER));
        vars.put(prefix + "credentials", new Unsafe(file.source()));
        args.put(
            "content",
            "{{ "
                + prefix
                + "template | replace("
                + prefix
                + "placeholder, 'Basic ' ~ (lookup('ansible.builtin.file', "
                + prefix
                + "credentials) | b64encode)) }}");
      }
    }
    args.put("mode", new Unsafe(file.mode()));
    Tasks.putOwner(args, file.owner());
    Map<String, Object> task =
        Tasks.task(
            name("write " + file.path() + " from " + file.source()), "ansible.builtin.copy", args);
    if (!vars.isEmpty()) {
      task.put("vars", vars);
      task.put("no_log", true);
    }
    task.put("register", register("workerfile" + i));
    tasks.add(task);
  }

  private void action(Action action, int i) {
    int timeout =
        action.timeoutSeconds() > 0 ? action.timeoutSeconds() : Action.DEFAULT_TIMEOUT_SECONDS;
    String when;
    if (action.check() != null) {
      String check = prefix + "check" + i;
      tasks.add(Tasks.probe(name("check " + action.name()), action.check(), timeout, check));
      when = check + ".rc != 0";
    } else {
      // Like a handler; kubeha also reruns it after an interrupted attempt (its pending marker),
      // which Ansible cannot know.
      when = changes.isEmpty() ? "false" : String.join(" or ", changes);
    }
    if (joinSecrets != null) {
      tasks.addAll(joinSecrets.tasks(when));
    }
    String label =
        action.detached()
            ? "run " + action.name() + " (detached in kubeha, in the foreground here)"
            : "run " + action.name();
    Map<String, Object> run = Tasks.shell(name(label), action.run(), timeout);
    run.put("register", register("run" + i));
    run.put("when", when);
    tasks.add(run);
    if (action.verify() != null) {
      Map<String, Object> verify =
          Tasks.shell(name("verify " + action.name()), action.verify(), timeout);
      verify.put("changed_when", false);
      verify.put("when", when);
      tasks.add(verify);
    }
  }

  /**
   * A register name for one task of this step; later handler actions run when any of them changed.
   */
  private String register(String what) {
    String var = prefix + what;
    changes.add(var + " is changed");
    return var;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /**
   * Archives are data, everything else a program (kubeha's rule: runc arrives as a bare binary).
   */
  private static boolean isArchive(String path) {
    return path.endsWith(".tar.gz")
        || path.endsWith(".tgz")
        || path.endsWith(".tar")
        || path.endsWith(".zip");
  }
}
