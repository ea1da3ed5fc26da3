package io.kubeha.starter;

import java.time.Duration;
import java.util.regex.Pattern;

/** A duration option's text: 90s, 5m, 1h, 30d, or plain seconds. */
final class DurationText {
  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd]?)");

  private DurationText() {}

  /** The duration; a clear error naming the option when text is none or zero. */
  static Duration parse(String option, String text) {
    var m = DURATION.matcher(text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new BadInputException(
          option + " must be a positive duration like 90s, 5m, 1h or 30d, was '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
