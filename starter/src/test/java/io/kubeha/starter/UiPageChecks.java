package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.worker.ProjectDir;
import io.kubeha.workflow.engine.WorkflowIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run's pages in a Temporal web UI, as headless Chromium renders them
 * (scripts/ui-screenshot): the checks, run by one subclass per UI (UiPageTest: the dev server's;
 * StackUiPageTest: scripts/temporal-stack's).
 */
abstract class UiPageChecks {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  /** The subclass's Temporal, with its UI: {@code @RegisterExtension static final TestTemporal}. */
  abstract TestTemporal temporal();

  /** The screenshot's name in starter/target/ui. */
  abstract String screenshotName();

  @Test
  void theRunsPageShowsTheBringUpItsResultAndItsChildrenAndIsSavedAsAScreenshot() throws Exception {
    TestTemporal temporal = temporal();
    Path file = TestInventory.write(dir, "shown", 31);
    Cli up = temporal.cli("up", "-f", file.toString(), "--yes");
    assertEquals(0, up.exitCode(), up.out() + up.err());

    String run = render(temporal.uiPage(WorkflowIds.cluster("shown")), "run.html");
    assertTrue(run.contains("kubeha-shown"), "the page names the run");
    assertTrue(run.contains("ClusterBringUp"), "the page names the workflow type");
    assertTrue(
        run.contains("Completed") || run.contains("COMPLETED"), "the page shows the run completed");
    assertTrue(
        run.contains("\"phases\"") && run.contains("PREFLIGHT"),
        "the page shows the result (its first phases; the editor renders only what is in view)");

    String child = render(temporal.uiPage(WorkflowIds.host("shown", "w1")), "child.html");
    assertTrue(
        child.contains("kubeha-shown-w1") && child.contains("HostPrep"),
        "a host's child run has its own page");

    Path png = screenshotDir().resolve(screenshotName());
    ui(temporal.uiPage(WorkflowIds.cluster("shown")), png);
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), "a PNG file");
    assertTrue(
        bytes.length > 20_000, "a rendered page, not a blank one: " + bytes.length + " bytes");
    System.out.println("UI screenshot of the run's page: " + png + " (" + bytes.length + " bytes)");
  }

  private String render(String url, String name) throws Exception {
    Path html = dir.resolve(name);
    ui(url, html);
    return Files.readString(html);
  }

  /** Runs scripts/ui-screenshot, which knows Chromium's flags for a closed network. */
  private static void ui(String url, Path out) throws IOException, InterruptedException {
    Path script = project().resolve("scripts/ui-screenshot");
    Process p =
        new ProcessBuilder(script.toString(), url, out.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished within 90 s for " + url);
    String output = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.exitValue(), "scripts/ui-screenshot " + url + ": " + output);
  }

  private static Path screenshotDir() throws IOException {
    return Files.createDirectories(project().resolve("starter/target/ui"));
  }

  private static Path project() {
    return ProjectDir.find()
        .orElseThrow(() -> new IllegalStateException("the project directory is unknown"));
  }
}
