package dev.redrive.cli.replay;

import dev.redrive.cli.ExitCodes;
import dev.redrive.cli.InstantConverter;
import dev.redrive.cli.PolicyFiles;
import dev.redrive.policy.EventParser;
import dev.redrive.policy.ExecutionEvent;
import dev.redrive.policy.MalformedEventException;
import dev.redrive.policy.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code redrive replay --policy FILE [--now ISO] [--json] PATH...}: the decisions a policy makes
 * for captured events, streamed from JSON event files, JSON arrays, JSON lines, or folders of them.
 *
 * <p>Malformed input (not JSON, no {@code detail}, no {@code executionArn}) is reported on stderr
 * with its file and line (and as an {@code error} object with {@code --json}); every other event is
 * still decided and counted, and the exit code is 2 at the end.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Decide captured events with a policy: a JSON event, a JSON array, JSON lines, or folders"
          + " of them (recursively, in path order). Prints a summary, or with --json one decision"
          + " per event.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every event was decided",
      "2:bad usage, an invalid policy, or malformed or unreadable input (the rest is still decided)"
    })
public final class ReplayCommand implements Callable<Integer> {
  /** Inputs at least this large show progress on stderr even when it is not a terminal. */
  static final long LARGE_INPUT_BYTES = 64L << 20;

  /** When progress is shown on stderr. */
  enum ProgressMode {
    /** On a terminal, or when the inputs are 64 MiB or more. */
    auto,
    always,
    never
  }

  /**
   * The default number of threads at most: beyond it, the reading thread (splitting lines, writing
   * the output, in order) is the bottleneck, and more workers only hold more chunks in memory.
   */
  static final int MAX_DEFAULT_THREADS = 4;

  /** How many malformed inputs are reported on stderr; the rest are only counted. */
  static final int MAX_REPORTED_ERRORS = 100;

  private final Clock clock;
  private final InputStream stdin;

  @Spec private CommandSpec spec;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "the policy file (YAML)")
  private Path policyFile;

  @Option(
      names = "--now",
      paramLabel = "ISO-8601",
      converter = InstantConverter.class,
      description =
          "the time to decide at, for the 14-day redrivable period (default: the clock; captured"
              + " events are usually older than 14 days, so pass the time they were captured)")
  private Instant now;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "seed for full jitter: each event draws from a generator seeded with this seed and its"
              + " position in the input, so that a replay is reproducible (default:"
              + " ${DEFAULT-VALUE})")
  private long seed;

  @Option(
      names = "--json",
      description =
          "one JSON object per event: source (file:line), executionArn, action, delaySeconds,"
              + " rule, reason; or source and error for malformed input")
  private boolean json;

  @Option(
      names = "--progress",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description =
          "progress on stderr: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: on a"
              + " terminal, or for inputs of 64 MiB or more)")
  private ProgressMode progressMode;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "threads that parse and decide JSON lines (default: the number of processors, at most"
              + " 4; here ${DEFAULT-VALUE}); output order is input order whatever the number")
  private int threads = Math.min(MAX_DEFAULT_THREADS, Runtime.getRuntime().availableProcessors());

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "event files and folders; - for standard input")
  private List<Path> paths;

  /**
   * The command, taking "now" from {@code clock} when {@code --now} is not given, and reading
   * {@code stdin} for the path {@code -}.
   */
  public ReplayCommand(Clock clock, InputStream stdin) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.stdin = Objects.requireNonNull(stdin, "stdin");
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be >= 1, was " + threads);
    }
    Policy policy = PolicyFiles.load(policyFile);
    List<InputFiles.Entry> files = InputFiles.expand(paths);
    Decider decider = decider(policy, now != null ? now : clock.instant(), seed);
    try (EventReader reader = new EventReader(decider, threads)) {
      Progress progress =
          showProgress(files)
              ? new Progress(
                  err,
                  totalBytes(files),
                  reader::bytesRead,
                  System::nanoTime,
                  System.console() != null)
              : null;
      Run run =
          new Run(new Summary(policy), json ? new DecisionWriter(out) : null, out, err, progress);
      try {
        for (InputFiles.Entry file : files) {
          String name = file.path().toString();
          if (file.problem() != null) {
            run.accept(new Source(name, 1), new Outcome.Malformed(file.problem()));
            continue;
          }
          run.summary.file();
          if (name.equals(InputFiles.STDIN)) {
            reader.read(stdin, "stdin", run);
          } else {
            reader.read(file.path(), name, run);
          }
        }
        run.finish(out);
      } catch (OutputClosedException e) {
        // the reader of --json went away (| head): stop reading, as a Unix filter would
      }
      return run.summary.malformedCount() == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
  }

  /**
   * Parses and decides one value; safe to call from several threads. Jitter draws from a generator
   * seeded with {@code seed} and the value's position, so the same input decides the same way
   * whatever the number of threads.
   */
  static Decider decider(Policy policy, Instant now, long seed) {
    return (value, index) -> {
      ExecutionEvent event;
      try {
        event = EventParser.fromTree(value);
      } catch (MalformedEventException e) {
        return new Outcome.Malformed(e.getMessage());
      }
      RandomGenerator random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
      return new Outcome.Decided(event.executionArn(), policy.decide(event, now, random));
    };
  }

  private boolean showProgress(List<InputFiles.Entry> files) {
    return switch (progressMode) {
      case always -> true;
      case never -> false;
      case auto -> System.console() != null || totalBytes(files) >= LARGE_INPUT_BYTES;
    };
  }

  private static long totalBytes(List<InputFiles.Entry> files) {
    long total = 0;
    for (InputFiles.Entry file : files) {
      if (file.problem() == null) {
        try {
          total += Files.size(file.path());
        } catch (IOException e) {
          // read() reports it when it gets there
        }
      }
    }
    return total;
  }

  /** One replay: counts each outcome and writes it, in input order. */
  /** Standard output was closed by its reader: there is no one left to write decisions to. */
  private static final class OutputClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputClosedException() {
      super("standard output is closed", null, false, false);
    }
  }

  private static final class Run implements OutcomeSink {
    /** Every so many events, {@code --json} checks that its output is still read. */
    private static final int OUTPUT_CHECK_INTERVAL = 1 << 14;

    private final Summary summary;
    private final DecisionWriter json;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Progress progress;
    private long events;

    Run(Summary summary, DecisionWriter json, PrintWriter out, PrintWriter err, Progress progress) {
      this.summary = summary;
      this.json = json;
      this.out = out;
      this.err = err;
      this.progress = progress;
    }

    @Override
    public void accept(Source source, Outcome outcome) {
      if (outcome instanceof Outcome.Decided decided) {
        summary.add(decided.decision());
        if (json != null) {
          json.decision(source, decided.executionArn(), decided.decision());
        }
      } else if (outcome instanceof Outcome.Malformed malformed) {
        summary.malformed();
        if (summary.malformedCount() <= MAX_REPORTED_ERRORS) {
          err.println(source + ": " + malformed.message());
        }
        if (json != null) {
          json.error(source, malformed.message());
        }
      }
      events++;
      if (progress != null) {
        progress.tick(events);
      }
      if (json != null && events % OUTPUT_CHECK_INTERVAL == 0) {
        json.flush();
        if (out.checkError()) {
          throw new OutputClosedException();
        }
      }
    }

    void finish(PrintWriter out) {
      if (progress != null) {
        progress.done(events);
      }
      long unreported = summary.malformedCount() - MAX_REPORTED_ERRORS;
      if (unreported > 0) {
        err.println("... and " + unreported + " more malformed inputs (not shown)");
      }
      if (json != null) {
        json.flush();
      } else {
        summary.print(out);
      }
    }
  }
}
