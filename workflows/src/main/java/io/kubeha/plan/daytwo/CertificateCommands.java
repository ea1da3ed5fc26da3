package io.kubeha.plan.daytwo;

import static io.kubeha.plan.Shell.quote;

import java.nio.file.Path;

/**
 * The shell commands of a control plane's certificate renewal. A marker on the node (baseDir's
 * certs-renewal) names the run, then each component restarted, so a retry renews once.
 */
public record CertificateCommands(String baseDir) {
  public static final String CHECK_EXPIRATION = "kubeadm certs check-expiration -o json";
  public static final String RENEW_ALL = "kubeadm certs renew all";

  public String marker() {
    return baseDir + "/certs-renewal";
  }

  /** The marker's lines, or nothing. */
  public String readMarker() {
    return "cat " + quote(marker()) + " 2>/dev/null || true";
  }

  /** A new marker naming the run: written before the renewal, so a kill after it still restarts. */
  public String markRun(String runId) {
    return "mkdir -p "
        + quote(Path.of(marker()).getParent().toString())
        + " && echo "
        + quote("run " + runId)
        + " > "
        + quote(marker());
  }

  /** One line added to the marker: "renewed", "restarted etcd", ... */
  public String record(String line) {
    return "echo " + quote(line) + " >> " + quote(marker());
  }

  public String clear() {
    return "rm -f " + quote(marker());
  }
}
