package dev.redrive.cli;

import dev.redrive.cli.audit.AuditCommand;
import dev.redrive.cli.demo.DemoCommand;
import dev.redrive.cli.policy.ExplainCommand;
import dev.redrive.cli.policy.PolicyCommand;
import dev.redrive.cli.policy.TestCommand;
import dev.redrive.cli.policy.ValidateCommand;
import dev.redrive.cli.replay.ReplayCommand;
import dev.redrive.cli.run.RunCommand;
import dev.redrive.cli.serve.ServeCommand;
import dev.redrive.cli.sweep.SweepCommand;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code redrive} command.
 *
 * <p>{@link #main} runs the command on the process's standard streams and exits with its code;
 * tests build a {@code Main} on their own writers and call {@link #run}, which returns the code
 * instead. Exit codes (DESIGN.md): {@value ExitCodes#OK} success, {@value ExitCodes#CHECK_FAILED} a
 * check failed (tests, validation), {@value ExitCodes#BAD_INPUT} bad usage or bad input.
 */
public final class Main {
  private final InputStream in;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;

  /**
   * A command that writes to {@code out} and {@code err} and takes "now" from {@code clock} when
   * {@code --now} is not given.
   */
  public Main(PrintWriter out, PrintWriter err, Clock clock) {
    this(System.in, out, err, clock);
  }

  /** A command as above that reads standard input ({@code replay -}) from {@code in}. */
  public Main(InputStream in, PrintWriter out, PrintWriter err, Clock clock) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs {@code redrive} with the process's arguments and exits with its exit code. */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(
            new BufferedWriter(
                new OutputStreamWriter(
                    new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
                1 << 16),
            false);
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    int code = new Main(out, err, Clock.systemUTC()).run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs {@code redrive} with {@code args}.
   *
   * @return the exit code: 0 success, 1 a check failed, 2 bad usage or bad input
   */
  public int run(String... args) {
    CommandLine commandLine = commandLine();
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private CommandLine commandLine() {
    CommandLine policy =
        new CommandLine(new PolicyCommand())
            .addSubcommand(new ValidateCommand())
            .addSubcommand(new ExplainCommand(clock))
            .addSubcommand(new TestCommand(clock));
    CommandLine redrive =
        new CommandLine(new RedriveCommand())
            .addSubcommand(policy)
            .addSubcommand(new ReplayCommand(clock, in))
            .addSubcommand(new RunCommand(clock))
            .addSubcommand(new ServeCommand())
            .addSubcommand(new SweepCommand(clock))
            .addSubcommand(new AuditCommand(clock))
            .addSubcommand(new DemoCommand());
    // "@FILE" is an argument of its own (redrive run --input @FILE), not a picocli argument file.
    redrive.setExpandAtFiles(false);
    redrive.setOut(out);
    redrive.setErr(err);
    redrive.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine command = exception.getCommandLine();
          PrintWriter usageErr = command.getErr();
          usageErr.println(exception.getMessage());
          UnmatchedArgumentException.printSuggestions(exception, usageErr);
          command.usage(usageErr);
          return ExitCodes.BAD_INPUT;
        });
    redrive.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          if (exception instanceof BadInputException badInput) {
            commandLine.getErr().println("redrive: " + badInput.getMessage());
            return ExitCodes.BAD_INPUT;
          }
          throw exception;
        });
    return redrive;
  }
}
