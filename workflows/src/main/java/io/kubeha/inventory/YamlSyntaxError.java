package io.kubeha.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML syntax error as one problem at FILE:LINE:COLUMN of the fault itself. Jackson's own
 * location is its last good token, often the line before; SnakeYAML's marks say where the fault is.
 */
final class YamlSyntaxError {
  private YamlSyntaxError() {}

  static void report(JsonProcessingException e, String sourceName, Problems problems) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      problems.add(
          at(sourceName, where(yaml)),
          "is not valid YAML: " + describe(yaml),
          fix(yaml.getProblem()));
      return;
    }
    String message = firstLine(e.getOriginalMessage());
    problems.add(at(sourceName, e.getLocation()), "is not valid YAML: " + message, fix(message));
  }

  /**
   * An unclosed quote or bracket fails at the end of the file; where it was opened is the useful
   * place.
   */
  private static Mark where(MarkedYAMLException yaml) {
    boolean atEnd = yaml.getProblem() != null && yaml.getProblem().contains("end of stream");
    return atEnd && yaml.getContextMark() != null ? yaml.getContextMark() : yaml.getProblemMark();
  }

  private static String describe(MarkedYAMLException yaml) {
    String problem = firstLine(yaml.getProblem());
    Mark context = yaml.getContextMark();
    if (yaml.getContext() == null || context == null || context == where(yaml)) {
      return problem + (yaml.getContext() == null ? "" : " (" + firstLine(yaml.getContext()) + ")");
    }
    return problem
        + " ("
        + firstLine(yaml.getContext())
        + " that starts at "
        + (context.getLine() + 1)
        + ":"
        + (context.getColumn() + 1)
        + ")";
  }

  private static String fix(String problem) {
    if (problem != null && problem.startsWith("Duplicate field")) {
      return "keep one of the two";
    }
    if (problem != null && problem.contains("TAB")) {
      return "indent with spaces, never tabs";
    }
    return "fix the YAML syntax at that line (indentation, a missing ':' or an unclosed quote or bracket)";
  }

  private static String at(String sourceName, Mark mark) {
    return sourceName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
  }

  static String at(String sourceName, JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return sourceName;
    }
    return sourceName + ":" + location.getLineNr() + ":" + location.getColumnNr();
  }

  private static String firstLine(String message) {
    String text = message == null ? "unreadable" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }
}
