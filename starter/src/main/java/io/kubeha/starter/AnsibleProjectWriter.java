package io.kubeha.starter;

import io.kubeha.ansible.AnsibleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a rendered Ansible project into a directory, replacing files of the same name. */
final class AnsibleProjectWriter {
  private AnsibleProjectWriter() {}

  static void write(AnsibleProject project, Path dir) {
    try {
      for (Map.Entry<String, String> file : project.files().entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
    } catch (IOException e) {
      throw new BadInputException("cannot write the Ansible project to " + dir + ": " + e);
    }
  }
}
