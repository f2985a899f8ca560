package dev.redrive.cli.policy;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.Cli.run;
import static dev.redrive.cli.Cli.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.cli.Cli;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {
  @Test
  void acceptsTheSamplePolicies() {
    Cli.Result result =
        run("policy", "validate", sample("policies/example.yaml"), sample("policies/demo.yaml"));

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .isEqualTo(
            sample("policies/example.yaml")
                + ": valid (3 rules)\n"
                + sample("policies/demo.yaml")
                + ": valid (5 rules)\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void listsEveryProblemWithFileLineColumnAndField() {
    String file = resource("policies/invalid.yaml");

    Cli.Result result = run("policy", "validate", file);

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out().lines())
        .hasSize(7)
        .allMatch(line -> line.matches("\\Q" + file + "\\E:\\d+:\\d+: [\\w.\\[\\]]+: .+"))
        .contains(
            file + ":1:10: version: unsupported version 2; this engine reads version 1",
            file + ":3:16: defaults.maxRedrives: maxRedrives must be >= 0, was -1",
            file + ":6:17: defaults.backoff.multiplier: multiplier must be >= 1, was 0.5");
    assertThat(result.out())
        .contains(file + ":11:7: rules[0].match.colours: unknown field 'colours'")
        .contains(file + ":12:13: rules[0].action: unknown action 'retry'")
        .contains(file + ":13:11: rules[1].name: duplicate rule name 'throttling'");
  }

  @Test
  void anUnreadableFileIsBadInput() {
    Cli.Result result = run("policy", "validate", "no-such-policy.yaml");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("redrive: cannot read policy no-such-policy.yaml: no such file\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void anUnreadableFileOutranksAnInvalidOne() {
    Cli.Result result =
        run("policy", "validate", resource("policies/invalid.yaml"), "no-such-policy.yaml");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).contains("unsupported version 2");
  }

  @Test
  void aFileIsRequired() {
    Cli.Result result = run("policy", "validate");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required parameter: 'FILE'");
  }
}
