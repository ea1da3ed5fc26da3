package io.kubeha.starter;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of cells printed as aligned columns (every column as wide as its widest cell, the last left
 * ragged).
 */
final class Columns {
  private Columns() {}

  /**
   * Each row indented, its cells separated by at least gap spaces; an empty row prints as an empty
   * line.
   */
  static List<String> aligned(List<List<String>> rows, String indent, int gap) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i + 1 < row.size()) {
          line.append(" ".repeat(width[i] - row.get(i).length() + gap));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
