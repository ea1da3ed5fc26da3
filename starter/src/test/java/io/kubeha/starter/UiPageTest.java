package io.kubeha.starter;

import org.junit.jupiter.api.extension.RegisterExtension;

/** UiPageChecks on the dev server's web UI; its screenshot is starter/target/ui/run.png. */
class UiPageTest extends UiPageChecks {
  @RegisterExtension static final TestTemporal temporal = new TestTemporal(true);

  @Override
  TestTemporal temporal() {
    return temporal;
  }

  @Override
  String screenshotName() {
    return "run.png";
  }
}
