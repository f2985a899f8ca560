package dev.redrive.cli.policy;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.Cli.run;
import static dev.redrive.cli.Cli.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestCommandTest {
  private static final String DEMO = sample("policies/demo.yaml");

  @ParameterizedTest
  @CsvSource({"demo, 22", "example, 7"})
  void theSamplePolicyTestsPass(String policy, int tests) {
    String testsFile = sample("policies/" + policy + ".tests.yaml");

    Cli.Result result =
        run("policy", "test", "--policy", sample("policies/" + policy + ".yaml"), testsFile);

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out().lines().filter(line -> line.startsWith("PASS  "))).hasSize(tests);
    assertThat(result.out()).contains(tests + " passed, 0 failed, " + tests + " tests");
  }

  @Test
  void aFailingTestShowsExpectedAndActualPerField() {
    String tests = resource("policies/failing.tests.yaml");

    Cli.Result result = run("policy", "test", "--policy", DEMO, tests);

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out())
        .isEqualTo(
            "FAIL  the first failure is redriven at once  ("
                + tests
                + ":4)\n"
                + "        action        REDRIVE, as expected\n"
                + "        delaySeconds  expected 0, got 60\n"
                + "        rule          permission-fixed-later, as expected\n"
                + "        reason        rule 'permission-fixed-later' redrives (redrive 1 of 3)"
                + " after 1m\n"
                + "FAIL  the third failure is given up  ("
                + tests
                + ":8)\n"
                + "        action        expected GIVE_UP, got REDRIVE\n"
                + "        rule          expected null, got permission-fixed-later\n"
                + "        reason        rule 'permission-fixed-later' redrives (redrive 3 of 3)"
                + " after 4m\n"
                + "PASS  throttling is redriven sooner\n"
                + "\n"
                + "1 passed, 2 failed, 3 tests ("
                + tests
                + " against "
                + DEMO
                + ")\n");
  }

  @Test
  void anInvalidTestFileListsEveryProblemAndRunsNothing() {
    String tests = resource("policies/invalid.tests.yaml");

    Cli.Result result = run("policy", "test", "--policy", DEMO, tests);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("redrive: invalid policy tests " + tests + ":\n")
        .contains(tests + ":1: now: expected an ISO-8601 instant")
        .contains(
            tests
                + ":3: test 'no such event file': event: cannot read event "
                + resource("policies/no-such-event.json")
                + ": no such file")
        .contains(
            tests
                + ":6: test 'a malformed event inline': event: malformed event: expected"
                + " \"detail.executionArn\"")
        .contains(tests + ":9: test 'an unknown action and field': colour: unknown field")
        .contains(tests + ":9: test 'an unknown action and field': expect.delay: unknown field")
        .contains(
            tests
                + ":9: test 'an unknown action and field': expect.action: expected one of"
                + " REDRIVE, GIVE_UP, IGNORE, found \"RETRY\"")
        .contains(tests + ":13: test: name: missing")
        .contains(tests + ":13: test: expect: missing");
  }

  @Test
  void aMissingTestFileIsBadInput() {
    Cli.Result result = run("policy", "test", "--policy", DEMO, "no-such.tests.yaml");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("redrive: cannot read policy tests no-such.tests.yaml: no such file\n");
  }

  @Test
  void anInvalidPolicyIsBadInput() {
    Cli.Result result =
        run(
            "policy",
            "test",
            "--policy",
            resource("policies/invalid.yaml"),
            sample("policies/demo.tests.yaml"));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("unsupported version 2");
  }
}
