package io.kubeha.starter;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * UiPageChecks on scripts/temporal-stack's web UI (ui-server v2.55.0 on the PostgreSQL-backed
 * server); skipped unless PostgreSQL 15 and Go are installed. Its screenshot is
 * starter/target/ui/stack-run.png.
 */
class StackUiPageTest extends UiPageChecks {
  @RegisterExtension static final TestTemporal temporal = TestTemporal.onStack();

  @Override
  TestTemporal temporal() {
    return temporal;
  }

  @Override
  String screenshotName() {
    return "stack-run.png";
  }
}
