package io.kubeha.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Debian control data (a Packages or Release file): stanzas of "Field: value" lines. */
final class DebControl {
  private DebControl() {}

  /** Every stanza, fields in order; a continuation line is appended to its field after "\n". */
  static List<Map<String, String>> parse(String text) {
    List<Map<String, String>> stanzas = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    String field = null;
    for (String line : text.split("\n", -1)) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          stanzas.add(current);
          current = new LinkedHashMap<>();
        }
        field = null;
      } else if ((line.startsWith(" ") || line.startsWith("\t")) && field != null) {
        current.merge(field, "\n" + line.strip(), String::concat);
      } else if (line.indexOf(':') > 0) {
        field = line.substring(0, line.indexOf(':'));
        current.put(field, line.substring(line.indexOf(':') + 1).strip());
      }
    }
    if (!current.isEmpty()) {
      stanzas.add(current);
    }
    return stanzas;
  }
}
