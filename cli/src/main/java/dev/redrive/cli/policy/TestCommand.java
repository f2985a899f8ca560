package dev.redrive.cli.policy;

import dev.redrive.cli.ExitCodes;
import dev.redrive.cli.PolicyFiles;
import dev.redrive.policy.Decision;
import dev.redrive.policy.Policy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code redrive policy test --policy FILE TESTS.yaml}: runs policy unit tests (the file format is
 * in {@link PolicyTestFile}). Prints PASS or FAIL per test; for a failure, each expected field with
 * what the decision has instead, and the decision's reason.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run policy tests: events with the decision each must get (action, delaySeconds, rule).",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every test passed",
      "1:a test failed",
      "2:bad usage, an invalid policy, or an invalid test file (nothing is run)"
    })
public final class TestCommand implements Callable<Integer> {
  private final Clock clock;

  @Spec private CommandSpec spec;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "the policy file (YAML)")
  private Path policyFile;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "seed of the random generator for full jitter; each test starts from it"
              + " (default: ${DEFAULT-VALUE})")
  private long seed;

  @Parameters(index = "0", paramLabel = "TESTS.yaml", description = "the policy tests")
  private Path testsFile;

  /** The command; tests with no {@code now} decide at {@code clock}'s time. */
  public TestCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Policy policy = PolicyFiles.load(policyFile);
    List<PolicyTest> tests = PolicyTestFile.read(testsFile, clock.instant());
    int failed = 0;
    for (PolicyTest test : tests) {
      Decision decision = policy.decide(test.event(), test.now(), new SplittableRandom(seed));
      List<Expectation.FieldResult> results = test.expectation().check(decision);
      if (results.stream().allMatch(Expectation.FieldResult::holds)) {
        out.println("PASS  " + test.name());
        continue;
      }
      failed++;
      out.println("FAIL  " + test.name() + "  (" + test.where() + ")");
      for (Expectation.FieldResult result : results) {
        String field = String.format("%-14s", result.field());
        if (result.holds()) {
          out.println("        " + field + result.actual() + ", as expected");
        } else {
          out.println(
              "        " + field + "expected " + result.expected() + ", got " + result.actual());
        }
      }
      out.println("        " + String.format("%-14s", "reason") + decision.reason());
    }
    out.println();
    out.println(
        (tests.size() - failed)
            + " passed, "
            + failed
            + " failed, "
            + tests.size()
            + (tests.size() == 1 ? " test" : " tests")
            + " ("
            + testsFile
            + " against "
            + policyFile
            + ")");
    return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
