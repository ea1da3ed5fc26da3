package io.kubeha.activities;

import io.kubeha.ssh.Heartbeat;
import io.temporal.activity.Activity;

/**
 * The running activity's heartbeat: it records progress and throws when the activity was cancelled.
 */
final class Heartbeats {
  private Heartbeats() {}

  static Heartbeat ofCurrentActivity() {
    return Activity.getExecutionContext()::heartbeat;
  }
}
