package io.kubeha.workflow.bringup;

import java.util.List;

/** Something preflight saw on one or more hosts; an ERROR stops the run, a WARNING is reported. */
public record PreflightFinding(Severity severity, List<String> hosts, String message) {

  /** How bad a finding is. */
  public enum Severity {
    ERROR,
    WARNING
  }

  @Override
  public String toString() {
    return String.join(", ", hosts) + ": " + message;
  }
}
