package dev.redrive.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs {@code redrive} in-process, as a user would, and captures what it prints. */
public final class Cli {
  /** The clock's time in tests: 21 minutes after the first captured failure of seed 001. */
  public static final Instant NOW = Instant.parse("2023-11-16T07:00:00Z");

  /** The events-samples module, beside this one. */
  public static final Path SAMPLES = Path.of("..", "events-samples");

  private Cli() {}

  /**
   * What a run printed and returned.
   *
   * @param code the exit code
   * @param out stdout
   * @param err stderr
   */
  public record Result(int code, String out, String err) {}

  /** Runs {@code redrive args...} with the clock at {@link #NOW} and nothing on stdin. */
  public static Result run(String... args) {
    return runWithInput(new byte[0], args);
  }

  /** Runs {@code redrive args...} with the clock at {@link #NOW} and {@code stdin} as input. */
  public static Result runWithInput(byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Main(
                new ByteArrayInputStream(stdin),
                new PrintWriter(out),
                new PrintWriter(err),
                Clock.fixed(NOW, ZoneOffset.UTC))
            .run(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** A path in events-samples, as a command-line argument. */
  public static String sample(String path) {
    return SAMPLES.resolve(path).toString();
  }

  /** A path in this module's test resources, as a command-line argument. */
  public static String resource(String path) {
    return Path.of("src", "test", "resources").resolve(path).toString();
  }
}
