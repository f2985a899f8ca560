package dev.redrive.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FirstCharactersTest {

  @Test
  void rejectsTextsThatStartWithNoPatternsFirstCharacter() {
    FirstCharacters starts = FirstCharacters.of(List.of("Lambda.*", "States.Timeout", "~x"));

    assertThat(starts.mayStart("Lambda.Unknown", 0)).isTrue();
    assertThat(starts.mayStart("States.Runtime", 0)).isTrue();
    assertThat(starts.mayStart("~", 0)).isTrue();
    assertThat(starts.mayStart("Custom.Error", 0)).isFalse();
    assertThat(starts.mayStart("lambda.lower", 0)).isFalse();
    assertThat(starts.mayStart("", 0)).isFalse();
    assertThat(starts.mayStart("Éclair", 0)).isFalse();
  }

  @Test
  void readsFromTheGivenIndex() {
    FirstCharacters starts = FirstCharacters.of(List.of("orders-*"));

    assertThat(starts.mayStart("stateMachine:orders-eu", 13)).isTrue();
    assertThat(starts.mayStart("stateMachine:orders-eu", 0)).isFalse();
    assertThat(starts.mayStart("stateMachine:", 13)).isFalse();
  }

  @Test
  void filtersNothingWhenAPatternStartsWithAWildcardOrNonAscii() {
    assertThat(FirstCharacters.of(List.of("Lambda.*", "*Exception")).mayStart("Custom", 0))
        .isTrue();
    assertThat(FirstCharacters.of(List.of("Électricité")).mayStart("x", 0)).isTrue();
  }
}
