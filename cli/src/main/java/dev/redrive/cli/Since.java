package dev.redrive.cli;

import dev.redrive.policy.internal.Durations;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads {@code --since}: a duration back from now in the policy's syntax ({@code 30m}, {@code 24h},
 * {@code 7d}, {@code PT6H}) or an ISO-8601 instant ({@code 2026-12-01T00:00:00Z}, or with an
 * offset).
 */
public final class Since {
  private Since() {}

  /**
   * The instant {@code text} names, from {@code clock}'s now for a duration.
   *
   * @throws BadInputException saying what was expected and what was found
   */
  public static Instant parse(String text, Clock clock) {
    Optional<Instant> instant = InstantConverter.parse(text);
    if (instant.isPresent()) {
      return instant.get();
    }
    try {
      return clock.instant().minus(Durations.parse(text));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "--since: expected a duration such as 30m, 24h, 7d or PT6H, or an ISO-8601 instant such"
              + " as 2026-12-01T00:00:00Z, found '"
              + text
              + "'");
    }
  }
}
