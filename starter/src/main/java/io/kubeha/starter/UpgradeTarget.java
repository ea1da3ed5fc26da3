package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.InventoryLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * --to VERSION: the inventory as it is, at the target version, validated like any inventory before
 * anything is contacted.
 */
final class UpgradeTarget {
  private UpgradeTarget() {}

  /** The version --to names; a clear error naming the option when it is none. */
  static String version(String to) {
    if (to == null || !to.strip().matches("\\d+\\.\\d+\\.\\d+")) {
      throw new BadInputException(
          "--to must be a Kubernetes version like 1.37.2, was '" + to + "'");
    }
    return to.strip();
  }

  /** current: the inventory file read and checked; the same text at version. */
  static Inventory atVersion(Path file, Inventory current, String version) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read it (" + e.getMessage() + ")");
    }
    String from = current.spec().kubernetes().version();
    var result =
        InventoryLoader.load(
            text.replaceFirst("(version:\\s*\"?)" + Pattern.quote(from), "$1" + version),
            file.toString());
    if (!result.ok() || !result.inventory().spec().kubernetes().version().equals(version)) {
      throw new BadInputException(
          "cannot set spec.kubernetes.version to "
              + version
              + " in "
              + file
              + (result.ok() ? "" : ": " + result.problems()));
    }
    return result.inventory();
  }
}
