package io.kubeha.inventory;

import java.util.ArrayList;
import java.util.List;

/** Collects problems in the order they are found, with control characters from the file escaped. */
final class Problems {
  private final List<Problem> list = new ArrayList<>();

  void add(String path, String message, String fix) {
    list.add(
        new Problem(
            Checks.escape(path), Checks.escape(message), fix == null ? null : Checks.escape(fix)));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  List<Problem> list() {
    return List.copyOf(list);
  }
}
