package dev.redrive.simulator.definition.choice;

import java.util.Optional;

/**
 * An instant read from a Choice Rule timestamp, as the {@code Timestamp...} and {@code IsTimestamp}
 * operators see it.
 *
 * <p>The ASL specification: "Timestamps are strings which MUST conform to the RFC3339 profile of
 * ISO 8601, with the further restrictions that an uppercase 'T' character MUST be used to separate
 * date and time, and an uppercase 'Z' character MUST be present in the absence of a numeric time
 * zone offset, for example '2016-03-14T01:59:00Z'." So the accepted form is {@code
 * YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)}: seconds are required, the fraction has 1 to 9
 * digits (nanosecond precision), and the offset is at most 18 hours, as a JVM's {@code
 * OffsetDateTime} accepts it. Two timestamps compare as instants, so {@code
 * 2012-10-09T19:00:55+01:00} equals {@code 2012-10-09T18:00:55Z}.
 *
 * @param epochSecond seconds since 1970-01-01T00:00:00Z
 * @param nano nanoseconds within the second, 0 to 999,999,999
 */
record Timestamp(long epochSecond, int nano) implements Comparable<Timestamp> {

  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  @Override
  public int compareTo(Timestamp other) {
    int bySecond = Long.compare(epochSecond, other.epochSecond);
    return bySecond != 0 ? bySecond : Integer.compare(nano, other.nano);
  }

  /** The timestamp a string denotes, or empty when it is not an ASL timestamp. */
  static Optional<Timestamp> parse(String text) {
    return Optional.ofNullable(parseOrNull(text));
  }

  /** Like {@link #parse} without the {@code Optional}, for the evaluation hot path. */
  static Timestamp parseOrNull(String s) {
    // YYYY-MM-DDThh:mm:ss is 19 characters, then an optional fraction, then Z or +hh:mm.
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      int count = i - start;
      if (count < 1 || count > 9) {
        return null;
      }
      nano = digits(s, start, count);
      for (int k = count; k < 9; k++) {
        nano *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int offsetHours = digits(s, i + 1, 2);
      int offsetMinutes = digits(s, i + 4, 2);
      if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
      if (offsetSeconds > MAX_OFFSET_SECONDS) {
        return null;
      }
      if (s.charAt(i) == '-') {
        offsetSeconds = -offsetSeconds;
      }
    } else {
      return null;
    }
    long epochSecond =
        daysFromCivil(year, month, day) * 86_400L
            + hour * 3600L
            + minute * 60L
            + second
            - offsetSeconds;
    return new Timestamp(epochSecond, nano);
  }

  /** The non-negative value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int k = from; k < from + count; k++) {
      char c = s.charAt(k);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil algorithm). */
  private static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
