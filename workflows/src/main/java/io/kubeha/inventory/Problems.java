package io.kubeha.inventory;

import java.util.ArrayList;
import java.util.List;

/** Collects problems in the order they are found. */
final class Problems {
  private final List<Problem> list = new ArrayList<>();

  void add(String path, String message, String fix) {
    list.add(new Problem(path, message, fix));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  List<Problem> list() {
    return List.copyOf(list);
  }
}
