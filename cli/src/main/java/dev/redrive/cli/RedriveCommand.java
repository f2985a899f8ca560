package dev.redrive.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code redrive}: the top of the command tree; it needs a subcommand. */
@Command(
    name = "redrive",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Automatic redrive of failed AWS Step Functions executions: policies, replays of captured"
          + " events, and a local Step Functions to run them on.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check failed (policy tests, validation)",
      "2:bad usage or bad input"
    })
public final class RedriveCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
