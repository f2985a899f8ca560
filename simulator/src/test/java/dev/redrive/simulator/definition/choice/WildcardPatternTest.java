package dev.redrive.simulator.definition.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WildcardPatternTest {

  @Test
  void agreesWithAnEquivalentRegexOnRandomPatterns() {
    Random random = new Random(42);
    char[] alphabet = {'a', 'b', '*', '\\'};
    for (int i = 0; i < 5_000; i++) {
      String pattern = randomString(random, alphabet, 8);
      WildcardPattern compiled = WildcardPattern.compile(pattern);
      Pattern regex = Pattern.compile(toRegex(pattern), Pattern.DOTALL);
      for (int j = 0; j < 20; j++) {
        String text = randomString(random, alphabet, 10);
        assertThat(compiled.matches(text))
            .as("pattern '%s' on '%s'", pattern, text)
            .isEqualTo(regex.matcher(text).matches());
      }
    }
  }

  @Test
  void readsAtMostPatternTimesTextCharactersOnPathologicalPatterns() {
    String source = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
    WildcardPattern pattern = WildcardPattern.compile(source);
    CountingText text = new CountingText("a".repeat(5_000));

    boolean matched = pattern.matches(text);

    assertThat(matched).isFalse();
    // a backtracking matcher would read the text exponentially often in the number of stars
    assertThat(text.reads)
        .as("characters read matching %s against %d characters", source, text.length())
        .isLessThanOrEqualTo((long) (source.length() + 1) * (text.length() + 1));
  }

  /** A text that counts how many of its characters are read. */
  private static final class CountingText implements CharSequence {
    private final String text;
    long reads;

    CountingText(String text) {
      this.text = text;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      reads++;
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw new UnsupportedOperationException("the matcher reads characters one by one");
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** The documented semantics, written as a regex: {@code *} any run, backslash escapes. */
  private static String toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '*') {
        regex.append(".*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }

  private static String randomString(Random random, char[] alphabet, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder(length);
    for (int k = 0; k < length; k++) {
      s.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return s.toString();
  }
}
