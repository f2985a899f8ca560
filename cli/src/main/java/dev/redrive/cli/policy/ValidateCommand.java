package dev.redrive.cli.policy;

import dev.redrive.cli.BadInputException;
import dev.redrive.cli.ExitCodes;
import dev.redrive.cli.PolicyFiles;
import dev.redrive.policy.Policy;
import dev.redrive.policy.PolicyException;
import dev.redrive.policy.PolicyLoader;
import dev.redrive.policy.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code redrive policy validate FILE...}: checks policy files. Prints {@code file:line:col: field:
 * problem} for each problem on stdout, or {@code file: valid (n rules)}.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check policy files. Prints file:line:col: field: problem for each problem.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file is a valid policy",
      "1:a file is not a valid policy",
      "2:bad usage, or a file cannot be read"
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "policy files (YAML)")
  private List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int code = ExitCodes.OK;
    for (Path file : files) {
      String text;
      try {
        text = PolicyFiles.read(file, "policy");
      } catch (BadInputException e) {
        err.println("redrive: " + e.getMessage());
        code = ExitCodes.BAD_INPUT;
        continue;
      }
      try {
        Policy policy = PolicyLoader.parse(text, file.toString());
        int rules = policy.rules().size();
        out.println(file + ": valid (" + rules + (rules == 1 ? " rule)" : " rules)"));
      } catch (PolicyException e) {
        e.problems().stream().map(Problem::format).forEach(out::println);
        if (code == ExitCodes.OK) {
          code = ExitCodes.CHECK_FAILED;
        }
      }
    }
    return code;
  }
}
