package io.kubeha.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kubeha worker's Temporal identity: "pid@host/kubeha-worker/start", the SDK's pid@host with the
 * process's start time, so a later worker on the same machine can tell that the process which held
 * an activity attempt is gone, even once its pid is reused.
 */
record WorkerIdentity(long pid, String host, long startedMillis) {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)@([^/\\s]+)/kubeha-worker/(\\d+)");

  static WorkerIdentity ofThisProcess() {
    ProcessHandle self = ProcessHandle.current();
    return new WorkerIdentity(self.pid(), hostName(), startedMillis(self).orElse(0L));
  }

  static Optional<WorkerIdentity> parse(String identity) {
    Matcher m = FORMAT.matcher(identity == null ? "" : identity);
    return m.matches()
        ? Optional.of(
            new WorkerIdentity(Long.parseLong(m.group(1)), m.group(2), Long.parseLong(m.group(3))))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return pid + "@" + host + "/kubeha-worker/" + startedMillis;
  }

  /** A worker of this machine's whose process no longer runs (that pid is gone, or reused). */
  boolean deadHere(WorkerIdentity self) {
    if (!host.equals(self.host) || pid == self.pid) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    return p.isEmpty() || startedMillis(p.get()).map(s -> s != startedMillis).orElse(false);
  }

  private static Optional<Long> startedMillis(ProcessHandle p) {
    return p.info().startInstant().map(java.time.Instant::toEpochMilli);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
