package dev.redrive.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvFileSource(resources = "/tables/durations.csv")
  void parsesTheFormsOfThePolicyFile(String text, String expected) {
    if (expected.matches("\\d+")) {
      assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(Long.parseLong(expected)));
    } else {
      assertThatThrownBy(() -> Durations.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(expected)
          .hasMessageContaining("'" + text + "'");
    }
  }

  @Test
  void formatsCompactlyForReasons() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofSeconds(100))).isEqualTo("1m40s");
    assertThat(Durations.format(Duration.ofSeconds(93_600))).isEqualTo("1d2h");
  }

  @Test
  void formatsSecondsUnderAMinuteLikeLongerOnes() {
    assertThat(Durations.formatSeconds(1)).isEqualTo("1s");
    assertThat(Durations.formatSeconds(59)).isEqualTo("59s");
    assertThat(Durations.formatSeconds(60)).isEqualTo("1m");
    assertThat(Durations.formatSeconds(61)).isEqualTo("1m1s");
    assertThat(Durations.formatSeconds(-59)).isEqualTo("-59s");
  }

  @Test
  void formatsInWordsForSentences() {
    assertThat(Durations.formatLong(Duration.ofDays(14))).isEqualTo("14 days");
    assertThat(Durations.formatLong(Duration.ofHours(26))).isEqualTo("1 day 2 hours");
    assertThat(Durations.formatLong(Duration.ofSeconds(61))).isEqualTo("1 minute 1 second");
    assertThat(Durations.formatLong(Duration.ofMillis(999))).isEqualTo("0 seconds");
  }
}
