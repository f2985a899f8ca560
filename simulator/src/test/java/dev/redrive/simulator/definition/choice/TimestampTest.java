package dev.redrive.simulator.definition.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampTest {

  @Test
  void agreesWithJavaTimeOnRandomValidTimestamps() {
    Random random = new Random(20_231_121L);
    for (int i = 0; i < 20_000; i++) {
      String text = randomTimestamp(random);
      Instant expected = OffsetDateTime.parse(text).toInstant();

      Timestamp parsed = Timestamp.parse(text).orElseThrow(() -> new AssertionError(text));

      assertThat(parsed.epochSecond()).as(text).isEqualTo(expected.getEpochSecond());
      assertThat(parsed.nano()).as(text).isEqualTo(expected.getNano());
    }
  }

  @Test
  void ordersAsInstantsWhateverTheOffset() {
    Timestamp utc = Timestamp.parse("2012-10-09T18:00:55Z").orElseThrow();
    Timestamp plusOne = Timestamp.parse("2012-10-09T19:00:55+01:00").orElseThrow();
    Timestamp later = Timestamp.parse("2012-10-09T18:00:55.000000001-00:00").orElseThrow();

    assertThat(utc.compareTo(plusOne)).isZero();
    assertThat(utc.compareTo(later)).isNegative();
    assertThat(later.compareTo(plusOne)).isPositive();
  }

  @Test
  void acceptsTheWholeRangeOfYearsAndOffsets() {
    assertThat(Timestamp.parse("0000-01-01T00:00:00Z")).isPresent();
    assertThat(Timestamp.parse("9999-12-31T23:59:59.999999999Z")).isPresent();
    assertThat(Timestamp.parse("2020-06-01T12:00:00+18:00")).isPresent();
    assertThat(Timestamp.parse("2020-06-01T12:00:00-18:00")).isPresent();
  }

  @Test
  void rejectsWhatIsNotAnAslTimestamp() {
    for (String text :
        new String[] {
          "",
          "2012-10-09",
          "2012-10-09T19:00:55",
          "2012-10-09T19:00Z",
          "2012-10-09 19:00:55Z",
          "2012-10-09t19:00:55Z",
          "2012-10-09T19:00:55z",
          "2012-10-09T19:00:55.Z",
          "2012-10-09T19:00:55.1234567891Z",
          "2012-10-09T19:00:55+01",
          "2012-10-09T19:00:55+0100",
          "2012-10-09T19:00:55+18:01",
          "2012-10-09T19:00:55+01:60",
          "2012-13-09T19:00:55Z",
          "2012-00-09T19:00:55Z",
          "2012-04-31T19:00:55Z",
          "2100-02-29T19:00:55Z",
          "2012-10-09T24:00:00Z",
          "2012-10-09T19:60:00Z",
          "2012-10-09T19:00:60Z",
          "+2012-10-09T19:00:55Z",
          "2012-10-09T19:00:55ZZ",
          "2012-1a-09T19:00:55Z",
          " 2012-10-09T19:00:55Z",
        }) {
      assertThat(Timestamp.parse(text)).as("'%s'", text).isEmpty();
    }
  }

  private static String randomTimestamp(Random random) {
    int year = random.nextInt(10_000);
    int month = 1 + random.nextInt(12);
    int day = 1 + random.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
    StringBuilder s =
        new StringBuilder(
            String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d",
                year, month, day, random.nextInt(24), random.nextInt(60), random.nextInt(60)));
    int fractionDigits = random.nextInt(10);
    if (fractionDigits > 0) {
      s.append('.');
      for (int k = 0; k < fractionDigits; k++) {
        s.append((char) ('0' + random.nextInt(10)));
      }
    }
    if (random.nextInt(3) == 0) {
      s.append('Z');
    } else {
      int offsetMinutes = random.nextInt(18 * 60 + 1);
      s.append(random.nextBoolean() ? '+' : '-')
          .append(String.format("%02d:%02d", offsetMinutes / 60, offsetMinutes % 60));
    }
    return s.toString();
  }
}
