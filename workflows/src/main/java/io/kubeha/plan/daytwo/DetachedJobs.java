package io.kubeha.plan.daytwo;

/**
 * Where a detached job keeps its lock, log and exit code on a host: {@code <base>/jobs/<name>/}.
 */
public final class DetachedJobs {
  private DetachedJobs() {}

  /** The job directory for a name such as "kubeadm-init.init". */
  public static String dir(String baseDir, String name) {
    return baseDir + "/jobs/" + name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
