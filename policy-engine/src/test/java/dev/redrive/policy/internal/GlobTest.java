package dev.redrive.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class GlobTest {

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvFileSource(resources = "/tables/globs.csv", nullValues = "<null>")
  void matchesWholeTextsWithStarAsAnyRun(String pattern, String text, boolean matches) {
    String value = text == null ? "" : text;

    assertThat(Glob.compile(pattern).matches(value)).isEqualTo(matches);
    assertThat(Glob.compile(pattern).matches("prefix:" + value, "prefix:".length()))
        .as("matching from an offset")
        .isEqualTo(matches);
  }
}
