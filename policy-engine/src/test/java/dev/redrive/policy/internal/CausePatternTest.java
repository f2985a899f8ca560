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
    boolean expected = java.util.regex.Pattern.compile(regex).matcher(cause).find();

    assertThat(CausePattern.compile(regex).find(cause)).isEqualTo(expected);
  }
}
