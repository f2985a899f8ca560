package dev.redrive.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --now}: an ISO-8601 instant ({@code 2023-11-16T07:00:00Z}) or a date-time with an
 * offset ({@code 2023-11-16T16:00:00+09:00}), from year 0000 to year 9999.
 */
public final class InstantConverter implements ITypeConverter<Instant> {
  /** The earliest instant accepted: 0000-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

  /** The latest instant accepted: 9999-12-31T23:59:59.999999999Z. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  @Override
  public Instant convert(String value) {
    Instant instant =
        parseAnyYear(value)
            .orElseThrow(
                () ->
                    new TypeConversionException(
                        "expected an ISO-8601 instant such as 2023-11-16T07:00:00Z, found '"
                            + value
                            + "'"));
    if (!inRange(instant)) {
      throw new TypeConversionException(
          "expected an instant from year 0000 to 9999, found '" + value + "'");
    }
    return instant;
  }

  /**
   * {@code value} as an instant, if it is an ISO-8601 instant or a date-time with an offset between
   * {@link #EARLIEST} and {@link #LATEST} (Java reads years up to a billion, which no clock or
   * event date reaches and which overflow epoch milliseconds).
   */
  public static Optional<Instant> parse(String value) {
    return parseAnyYear(value).filter(InstantConverter::inRange);
  }

  private static boolean inRange(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  private static Optional<Instant> parseAnyYear(String value) {
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException notAnInstant) {
      try {
        return Optional.of(OffsetDateTime.parse(value).toInstant());
      } catch (DateTimeParseException notAnOffsetDateTime) {
        return Optional.empty();
      }
    }
  }
}
