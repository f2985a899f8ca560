package dev.redrive.cli;

import static dev.redrive.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void helpListsTheCommandsAndExitCodes() {
    Cli.Result result = run("--help");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("Usage: redrive")
        .contains("policy")
        .contains("replay")
        .contains("2   bad usage or bad input");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void versionIsTheProjectVersion() {
    Cli.Result result = run("--version");

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("redrive 0.").doesNotContain("${");
  }

  @Test
  void unknownCommandIsBadUsage() {
    Cli.Result result = run("redrive-everything");

    assertThat(result.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err())
        .contains("Unmatched argument at index 0: 'redrive-everything'")
        .containsPattern("Did you mean: .*redrive replay\\?")
        .contains("Usage: redrive");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void noCommandIsBadUsage() {
    Cli.Result result = run();

    assertThat(result.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).contains("Missing required subcommand").contains("Usage: redrive");
  }

  @Test
  void policyWithoutSubcommandIsBadUsage() {
    Cli.Result result = run("policy");

    assertThat(result.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).contains("Usage: redrive policy").contains("validate");
  }

  @Test
  void unknownOptionIsBadUsage() {
    Cli.Result result = run("replay", "--policy", "p.yaml", "--jsn", "events");

    assertThat(result.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).contains("Unknown option: '--jsn'");
  }
}
