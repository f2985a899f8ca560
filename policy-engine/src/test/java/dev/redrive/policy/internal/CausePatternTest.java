package dev.redrive.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CausePatternTest {

  /** Plain text takes a fast path; it must find exactly what the regex engine finds. */
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
          """)
  void findsWhatTheRegexEngineFinds(String regex, String cause) {
    boolean expected = java.util.regex.Pattern.compile(regex).matcher(cause).find();

    assertThat(CausePattern.compile(regex).find(cause)).isEqualTo(expected);
  }
}
