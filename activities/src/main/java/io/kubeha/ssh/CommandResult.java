package io.kubeha.ssh;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** What a remote command did: its exit code and its output. */
public record CommandResult(int exitCode, String stdout, String stderr) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** The last lines of stdout followed by stderr, for failure messages. */
  public String tail(int lines) {
    List<String> all =
        Stream.of(stdout, stderr)
            .flatMap(text -> Arrays.stream(text.split("\n")))
            .filter(line -> !line.isBlank())
            .toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
