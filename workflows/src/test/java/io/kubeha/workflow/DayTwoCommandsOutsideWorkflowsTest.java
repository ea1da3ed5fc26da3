package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A day-2 command's text can change without changing what a recorded history replays: the
 * operations' workflow code neither uses the command text (io.kubeha.plan.daytwo, which the
 * activities build their commands from) nor writes a shell command of its own. Replay runs only
 * workflow code, so such a change reaches new activity attempts and nothing else. The plan steps
 * some phases still build in workflow code are listed, so the list can only shrink.
 */
class DayTwoCommandsOutsideWorkflowsTest {
  private static final Path ROOT = Path.of("src/main/java/io/kubeha/workflow");
  private static final List<String> DAY_TWO =
      List.of("upgrade", "removal", "reset", "restore", "backup", "certs", "check", "common");

  /** The command text's package, imported or written out. */
  private static final Pattern COMMAND_TEXT = Pattern.compile("io\\.kubeha\\.plan\\.daytwo\\.");

  /** A string literal holding shell: a pipe, a chain, a substitution or a redirection. */
  private static final Pattern SHELL_LITERAL =
      Pattern.compile("\"[^\"]*(&&|\\|\\||\\$\\(| \\| |2>&1|>/dev/null)[^\"]*\"");

  @Test
  void dayTwoWorkflowsHoldNoCommandText() throws IOException {
    List<String> found = new ArrayList<>();
    for (String op : DAY_TWO) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(op))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          for (String line : Files.readAllLines(f)) {
            if (holdsCommandText(line)) {
              found.add(op + "/" + f.getFileName() + ": " + line.strip());
            }
          }
        }
      }
    }
    assertEquals(List.of(), found);
  }

  /**
   * The plan steps day-2 workflow code still builds itself (each a Step whose commands go into an
   * activity's input), until a rendering activity hands them over as data (issue 29). A new one
   * fails here; one moved out is taken off the list. Only FlannelManifest is left, for its
   * namespace's name (ClusterVerification waits for that namespace's workloads).
   */
  private static final Set<String> STEPS_STILL_BUILT_IN_WORKFLOWS =
      Set.of("common: FlannelManifest");

  @Test
  void theStepsDayTwoWorkflowsStillBuildAreKnown() throws IOException {
    Set<String> found = new TreeSet<>();
    for (String op : DAY_TWO) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(op))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          if (f.endsWith(LEGACY_RENDERING)) {
            continue; // checked below: it renders only for runs recorded before the activities
          }
          for (String line : Files.readAllLines(f)) {
            Matcher m = PLAN_IMPORT.matcher(line);
            if (m.matches() && !SIGNPOSTS.contains(m.group(1))) {
              found.add(op + ": " + m.group(1));
            }
          }
        }
      }
    }
    assertEquals(new TreeSet<>(STEPS_STILL_BUILT_IN_WORKFLOWS), found);
  }

  @Test
  void theCheckSeesCommandText() {
    assertEquals(true, holdsCommandText("import io.kubeha.plan.daytwo.UpgradeCommands;"));
    assertEquals(true, holdsCommandText("String c = \"kubectl drain x 2>&1 || true\";"));
    assertEquals(true, holdsCommandText("run(\"systemctl restart kubelet && sleep 1\");"));
    assertEquals(
        false, holdsCommandText("ActivityStubs.nodeUpgrade(host, \"kubeadm upgrade plan\")"));
  }

  /** import io.kubeha.plan.Type; (the top package: steps and their command text). */
  private static final Pattern PLAN_IMPORT =
      Pattern.compile("import io\\.kubeha\\.plan\\.([A-Z]\\w*);");

  /**
   * Plan types workflow code may name: names, errors, and steps it receives from an activity as
   * data (OperationSteps, rendered by RenderOperationSteps).
   */
  private static final Set<String> SIGNPOSTS =
      Set.of("Phase", "MissingChecksumException", "OperationSteps", "Step");

  /** The one workflow file that renders steps: for runs recorded before the activities did. */
  private static final Path LEGACY_RENDERING = Path.of("common/RenderedSteps.java");

  /** Calls that render a day-2 step. */
  private static final Pattern RENDERING =
      Pattern.compile(
          "StepRendering\\.|CheckWorkload\\.manifest\\(|OperationSteps\\.render\\(|LoadBalancer\\.nginx\\(|EtcdTools\\.install\\(|Teardown\\.|KubeadmPackages\\.");

  @Test
  void onlyRunsRecordedBeforeTheRenderingActivityRenderTheirStepsInWorkflowCode()
      throws IOException {
    List<String> rendering = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (RENDERING.matcher(Files.readString(f)).find()) {
          rendering.add(ROOT.relativize(f).toString());
        }
      }
    }
    assertEquals(List.of("common/RenderedSteps.java"), rendering);
  }

  private static boolean holdsCommandText(String line) {
    return COMMAND_TEXT.matcher(line).find() || SHELL_LITERAL.matcher(line).find();
  }
}
