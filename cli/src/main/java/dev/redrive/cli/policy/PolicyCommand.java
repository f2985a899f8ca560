package dev.redrive.cli.policy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code redrive policy}: the commands on policy files; it needs a subcommand. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Check a policy, explain its decisions, run its tests.")
public final class PolicyCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
