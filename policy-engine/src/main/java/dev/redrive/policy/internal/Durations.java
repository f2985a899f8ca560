package dev.redrive.policy.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Durations as the policy file writes them: {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d},
 * ISO-8601 ({@code PT30S}, {@code PT1H30M}, {@code P1D}), or a whole number of seconds ({@code
 * 30}). Always whole seconds, never negative.
 */
public final class Durations {
  /** What a duration looks like, for problem messages. */
  public static final String EXPECTED =
      "a duration such as 30s, 5m, 2h, 1d, PT30S, or a whole number of seconds";

  private static final Pattern SHORT = Pattern.compile("(\\d{1,12})([smhd]?)");
  private static final Pattern ISO =
      Pattern.compile("P(?:(\\d{1,9})D)?(?:T(?:(\\d{1,9})H)?(?:(\\d{1,9})M)?(?:(\\d{1,12})S)?)?");

  private static final Pattern FRACTION = Pattern.compile("^(PT?.*)?\\d[.,]\\d");

  /** "0s" to "59s": backoff delays are often this short, and are formatted for every redrive. */
  private static final String[] UNDER_A_MINUTE =
      IntStream.range(0, 60).mapToObj(seconds -> seconds + "s").toArray(String[]::new);

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException if {@code text} is none of the accepted forms; the message
   *     says what was expected and what was found
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    Matcher shortForm = SHORT.matcher(text);
    if (shortForm.matches()) {
      long amount = Long.parseLong(shortForm.group(1));
      return switch (shortForm.group(2)) {
        case "", "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    Matcher iso = ISO.matcher(text);
    if (iso.matches() && !text.equals("P") && !text.endsWith("T")) {
      return Duration.ofDays(number(iso.group(1)))
          .plusHours(number(iso.group(2)))
          .plusMinutes(number(iso.group(3)))
          .plusSeconds(number(iso.group(4)));
    }
    if (FRACTION.matcher(text).find()) {
      throw new IllegalArgumentException(
          "expected whole seconds, found '" + text + "' with a fraction of a second");
    }
    throw new IllegalArgumentException("expected " + EXPECTED + ", found '" + text + "'");
  }

  /**
   * A compact form for messages: {@code 0s}, {@code 45s}, {@code 10m}, {@code 1h30m}, {@code 1d}.
   */
  public static String format(Duration duration) {
    return formatSeconds(duration.getSeconds());
  }

  /** {@link #format(Duration)} of a number of seconds. */
  public static String formatSeconds(long seconds) {
    if (seconds >= 0 && seconds < UNDER_A_MINUTE.length) {
      return UNDER_A_MINUTE[(int) seconds];
    }
    StringBuilder text = new StringBuilder();
    if (seconds < 0) {
      text.append('-');
      seconds = -seconds;
    }
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long rest = seconds % 60;
    if (days > 0) {
      text.append(days).append('d');
    }
    if (hours > 0) {
      text.append(hours).append('h');
    }
    if (minutes > 0) {
      text.append(minutes).append('m');
    }
    if (rest > 0) {
      text.append(rest).append('s');
    }
    return text.toString();
  }

  /**
   * A form for sentences, to the largest sensible unit: {@code 14 days 2 hours}, {@code 3 hours 5
   * minutes}, {@code 40 seconds}.
   */
  public static String formatLong(Duration duration) {
    long seconds = Math.abs(duration.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    String sign = duration.isNegative() ? "-" : "";
    if (days > 0) {
      return sign + unit(days, "day") + (hours > 0 ? " " + unit(hours, "hour") : "");
    }
    if (hours > 0) {
      return sign + unit(hours, "hour") + (minutes > 0 ? " " + unit(minutes, "minute") : "");
    }
    if (minutes > 0) {
      return sign
          + unit(minutes, "minute")
          + (seconds % 60 > 0 ? " " + unit(seconds % 60, "second") : "");
    }
    return sign + unit(seconds, "second");
  }

  private static String unit(long amount, String name) {
    return amount + " " + name + (amount == 1 ? "" : "s");
  }

  private static long number(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }
}
