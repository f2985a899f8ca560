package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * AWS's own linter, cfn-lint, on the template when it is installed: it runs the SAM transform and
 * checks every resulting property against the CloudFormation resource specification. Skipped,
 * saying so, on a machine without it.
 */
class CfnLintTest {

  private static Process start(String... command) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void templatePassesCfnLintWithoutErrorsOrWarnings() throws Exception {
    boolean installed;
    try {
      Process version = start("cfn-lint", "--version");
      installed = version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException e) {
      installed = false;
    }
    assumeTrue(installed, "cfn-lint is not installed (pip install cfn-lint); template not linted");

    // cfn-lint runs the SAM translator, which needs a region even for a local translation.
    ProcessBuilder lint =
        new ProcessBuilder("cfn-lint", "--format", "parseable", Template.FILE.toString())
            .redirectErrorStream(true);
    lint.environment().putIfAbsent("AWS_DEFAULT_REGION", "us-east-1");
    Process process = lint.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();

    assertThat(output).as("cfn-lint findings").isEmpty();
    assertThat(process.exitValue()).as("cfn-lint exit code").isZero();
  }
}
