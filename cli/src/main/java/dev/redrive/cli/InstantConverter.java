package dev.redrive.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --now}: an ISO-8601 instant ({@code 2023-11-16T07:00:00Z}) or a date-time with an
 * offset ({@code 2023-11-16T16:00:00+09:00}).
 */
public final class InstantConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    return parse(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "expected an ISO-8601 instant such as 2023-11-16T07:00:00Z, found '"
                        + value
                        + "'"));
  }

  /** {@code value} as an instant, if it is an ISO-8601 instant or a date-time with an offset. */
  public static Optional<Instant> parse(String value) {
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
