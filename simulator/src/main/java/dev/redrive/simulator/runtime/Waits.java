package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.definition.StateCommon;
import dev.redrive.simulator.definition.WaitState;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.path.DataResolver;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** The Wait state: Seconds, Timestamp, SecondsPath or TimestampPath, on the execution's clock. */
final class Waits {
  /** AWS refuses waits of more than 2^31-1 seconds from now (about 68 years). */
  private static final long MAX_WAIT_SECONDS = Integer.MAX_VALUE;

  private Waits() {}

  static Interpreter.Step run(Interpreter in, Interpreter.StateRun run, WaitState s) {
    StateCommon c = run.common;
    Instant until;
    JsonNode effective;
    if (c.jsonata()) {
      effective = run.rawInput;
      var states = run.states(null, null);
      if (s.seconds().isPresent()) {
        JsonNode v = s.seconds().get();
        if (in.jsonata.isExpression(v)) {
          v = run.evalJsonata(v, states, "Seconds");
        }
        until = afterSeconds(run, v.asLong());
      } else {
        JsonNode v = s.timestamp().orElseThrow();
        if (in.jsonata.isExpression(v)) {
          v = run.evalJsonata(v, states, "Timestamp");
        }
        until = parseTimestamp(v.asText(), null);
        if (until == null) {
          throw in.jsonata.invalidTimestamp(v.asText(), c.name(), run.enteredId);
        }
      }
    } else {
      DataResolver data = run.data(run.rawInput);
      effective = c.inputPath().select(data);
      DataResolver eff = run.data(effective);
      if (s.seconds().isPresent()) {
        until = afterSeconds(run, s.seconds().get().asLong());
      } else if (s.timestamp().isPresent()) {
        until = parseTimestamp(s.timestamp().get().asText(), null);
        if (until == null) {
          throw StatesError.runtime("Invalid timestamp " + s.timestamp().get().asText());
        }
      } else if (s.secondsPath().isPresent()) {
        var path = s.secondsPath().get();
        JsonNode v =
            eff.select(path)
                .orElseThrow(
                    () ->
                        StatesError.runtime(
                            "Invalid path '"
                                + path.text()
                                + "' : "
                                + path.missMessage(eff.rootOf(path))));
        if (!v.isIntegralNumber()) {
          throw StatesError.runtime(
              "The SecondsPath parameter cannot be parsed as a long value: "
                  + path.text()
                  + " == "
                  + HistoryJson.text(v));
        }
        if (v.asLong() < 0) {
          throw StatesError.runtime(
              "The SecondsPath parameter references a negative value: "
                  + path.text()
                  + " == "
                  + v.asLong());
        }
        until = afterSeconds(run, v.asLong());
      } else {
        var path = s.timestampPath().orElseThrow();
        JsonNode v =
            eff.select(path)
                .orElseThrow(
                    () ->
                        StatesError.runtime(
                            "Invalid path '"
                                + path.text()
                                + "' : "
                                + path.missMessage(eff.rootOf(path))));
        until = v.isTextual() ? parseTimestamp(v.asText(), null) : null;
        if (until == null) {
          throw StatesError.runtime(
              "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "
                  + path.text()
                  + " == "
                  + v.asText());
        }
      }
    }
    Instant now = in.clock.now();
    if (Duration.between(now, until).getSeconds() > MAX_WAIT_SECONDS) {
      throw StatesError.runtime("Wait state delay is too long.");
    }
    in.sleep(Duration.between(now, until));
    if (c.jsonata()) {
      var states = run.states(null, null);
      Map<String, JsonNode> assigned =
          c.assignRaw().isPresent()
              ? in.assignJsonata(run, c.assignRaw().get(), states, "Assign")
              : Map.of();
      JsonNode output =
          c.output().isPresent()
              ? run.evalJsonata(c.output().get(), states, "Output")
              : run.rawInput;
      return in.finish(run, output, assigned);
    }
    Map<String, JsonNode> assigned =
        c.assign().isPresent() ? in.assignTemplate(run, c.assign().get(), effective) : Map.of();
    JsonNode output = c.outputPath().select(run.data(effective));
    return in.finish(run, output, assigned);
  }

  private static Instant afterSeconds(Interpreter.StateRun run, long seconds) {
    return run.enteredTime.plusSeconds(Math.max(0, seconds));
  }

  /** Parses an ISO-8601 date-time with offset; null when it is not one. */
  static Instant parseTimestamp(String text, Instant fallback) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }
}
