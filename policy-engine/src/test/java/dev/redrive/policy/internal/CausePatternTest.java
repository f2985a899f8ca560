package dev.redrive.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CausePatternTest {

  /** Plain text takes a fast path; it must find exactly what the regex engine (RE2/J) finds. */
  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          (?i)rate exceeded     | Rate Exceeded (Service: AWSLambda)
          (?i)rate exceeded     | upstream: RATE EXCEEDED
          (?i)rate exceeded     | rate limit
          rate exceeded         | Rate exceeded
          rate exceeded         | the rate exceeded
          Status Code: 5\\d\\d  | Status Code: 503;
          Status Code: 5\\d\\d  | Status Code: 403;
          ^User:                | User: arn:aws:sts::123456789012
          ^User:                | The User: x
          (?i)ÉTAT              | état
          (?i)timeout           | Task timed out
          (?i)timeout           | TimeOut after 30s
          timed? ?out           | Task time out
          timed? ?out           | Task timedout
          timed? ?out           | Task timeout
          timed? ?out           | Task tim out
          (?i)rate\\s+exceeded  | RATE   EXCEEDED
          (?i)rate\\s+exceeded  | rate-exceeded
          ab+c                  | xabbbc
          Lambda\\.             | Lambda.Unknown
          Lambda\\.             | LambdaXUnknown
          (?i)k                 | K (Kelvin sign)
          (?i)kelvin            | Kelvin
          a|rate exceeded       | rate exceeded
          (?i)Rate Exceeded     | RATE EXCEEDEd
          """)
  void findsWhatTheRegexEngineFinds(String regex, String cause) {
    boolean expected = com.google.re2j.Pattern.compile(regex).matcher(cause).find();

    assertThat(CausePattern.compile(regex).find(cause)).isEqualTo(expected);
  }

  @Test
  void ignoresCaseForEveryCharacterAsTheRegexEngineDoes() {
    // The fast path folds ASCII letters itself: every UTF-16 unit must compare as RE2/J's (?i).
    com.google.re2j.Pattern anyLetter = com.google.re2j.Pattern.compile("(?i)x[a-z]");
    CausePattern[] fast = new CausePattern[26];
    com.google.re2j.Pattern[] engine = new com.google.re2j.Pattern[26];
    for (int i = 0; i < 26; i++) {
      fast[i] = CausePattern.compile("(?i)x" + (char) ('a' + i));
      engine[i] = com.google.re2j.Pattern.compile("(?i)x" + (char) ('a' + i));
    }
    for (int c = 0; c <= 0xFFFF; c++) {
      String cause = "x" + (char) c;
      boolean foldsToALetter = anyLetter.matcher(cause).find();
      for (int i = 0; i < 26; i++) {
        boolean expected = foldsToALetter && engine[i].matcher(cause).find();
        if (fast[i].find(cause) != expected) {
          assertThat(fast[i].find(cause)).as("%s in U+%04X", fast[i], c).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void decidesNestedQuantifiersOnALongCauseWithoutBacktracking() {
    // With java.util.regex, this takes exponential time: 2^31 steps at 31 characters.
    CausePattern pattern = CausePattern.compile("((a+)+)+b");

    assertThat(pattern.find("a".repeat(32 * 1024))).isFalse();
    assertThat(pattern.find("a".repeat(32 * 1024) + "b")).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          (a)\\1          | backreferences `\\1` are not supported
          (?<n>a)\\k<n>   | backreferences `\\k` are not supported
          a(?=b)          | lookahead `(?=` is not supported
          a(?!b)          | lookahead `(?!` is not supported
          (?<=a)b         | lookbehind `(?<=` is not supported
          (?<!a)b         | lookbehind `(?<!` is not supported
          (?>a)           | atomic groups `(?>` are not supported
          a*+             | possessive quantifiers `*+` are not supported
          [a-z&&[^b]]     | character class intersection ('&&' at index 4) is Java-only syntax
          [a[b]]          | a class inside a character class ('[' at index 2) is Java-only syntax
          \\p{javaLowerCase} | Java's character classes
          ((a{1000}){1000}){1000} | the pattern is too large: its counted repetitions expand to about
          (a{100}){10}    | the pattern is too large: it compiles to
          (?x)a b         | the flag group `(?x` is not supported
          (unclosed       | missing closing ): `(unclosed`
          """)
  void saysWhyAPatternCannotRun(String regex, String why) {
    assertThat(CausePattern.problem(regex)).hasValueSatisfying(p -> assertThat(p).contains(why));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          (?i)rate exceeded
          Status Code: 5\\d\\d
          ^arn:aws:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}$
          [[:alpha:]]+ [\\[\\]]
          \\Q{1000}\\E
          (?P<name>a)|(?<other>b)
          """)
  void runsWhatJavaAndRe2BothRead(String regex) {
    assertThat(CausePattern.problem(regex)).isEmpty();
  }
}
