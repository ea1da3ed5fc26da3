package io.kubeha.ssh;

import io.kubeha.activity.SshTarget;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test fixture: one {@link LoopbackSshd} per test class and a fresh {@link SshConnections} pool per
 * test. Register it as {@code @RegisterExtension static final LoopbackSsh SSH = new
 * LoopbackSsh();}.
 */
public final class LoopbackSsh
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /** The host name every loopback target carries. */
  public static final String HOST = "loop";

  private LoopbackSshd sshd;
  private SshConnections connections;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    sshd = LoopbackSshd.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    sshd.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    connections = new SshConnections(LoopbackSshd.tempRoots());
  }

  // Runs after the test class's own @AfterEach, so anything built on the pool is closed first.
  @Override
  public void afterEach(ExtensionContext context) {
    connections.close();
  }

  public LoopbackSshd sshd() {
    return sshd;
  }

  public SshTarget target() {
    return sshd.target(HOST);
  }

  public SshConnections connections() {
    return connections;
  }

  /** A shell on this test's pool that does not heartbeat. */
  public RemoteShell shell() {
    return connections.shell(target(), Heartbeat.NONE);
  }
}
