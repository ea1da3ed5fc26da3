package io.kubeha.bundle;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One alternative of a Depends field: "name", "name (>= 1.2)", "name:any (<< 2)". */
record DebRelation(String name, String operator, DebVersion version) {
  private static final Pattern RELATION =
      Pattern.compile(
          "([a-z0-9][a-z0-9.+-]*)(?::[a-z0-9-]+)?\\s*(?:\\(\\s*(<<|<=|=|>=|>>|<|>)\\s*([^)\\s]+)\\s*\\))?.*");

  static DebRelation parse(String text) {
    Matcher m = RELATION.matcher(text);
    if (!m.matches()) {
      return new DebRelation(text, null, null);
    }
    return new DebRelation(
        m.group(1), m.group(2), m.group(3) == null ? null : DebVersion.parse(m.group(3)));
  }

  boolean allows(DebVersion v) {
    if (operator == null) {
      return true;
    }
    int c = v.compareTo(version);
    return switch (operator) {
      case "<<" -> c < 0;
      case "<=", "<" -> c <= 0;
      case "=" -> c == 0;
      case ">=", ">" -> c >= 0;
      case ">>" -> c > 0;
      default -> false;
    };
  }
}
