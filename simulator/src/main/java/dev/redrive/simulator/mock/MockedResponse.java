package dev.redrive.simulator.mock;

import java.util.List;
import java.util.Objects;

/**
 * A named entry of {@code MockedResponses}: what a state answers on each attempt. Keys are a
 * zero-based attempt ({@code "0"}) or an inclusive range ({@code "1-2"}); together they cover
 * attempts 0 to {@link #lastAttempt()} without gap or overlap.
 *
 * <p>An attempt past the last key gets the last response again: a mock written for three attempts
 * keeps answering as the third one did, rather than failing the execution on a test-data gap.
 */
public record MockedResponse(String name, List<Range> ranges) {
  public MockedResponse {
    Objects.requireNonNull(name, "name");
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("mocked response " + name + " has no attempts");
    }
    int next = 0;
    for (Range r : ranges) {
      if (r.from() != next) {
        throw new IllegalArgumentException(
            "mocked response " + name + " must cover attempt " + next + " next, was " + r.from());
      }
      next = r.to() + 1;
    }
  }

  /**
   * The responses for the attempts {@code from} to {@code to}, both included.
   *
   * @param from the first attempt, zero-based
   * @param to the last attempt, at least {@code from}
   */
  public record Range(int from, int to, MockResult result) {
    public Range {
      if (from < 0 || to < from) {
        throw new IllegalArgumentException(
            "range must satisfy 0 <= from <= to, was " + from + "-" + to);
      }
      Objects.requireNonNull(result, "result");
    }
  }

  /** The last attempt a key covers. */
  public int lastAttempt() {
    return ranges.get(ranges.size() - 1).to();
  }

  /**
   * The response for a zero-based attempt; past the last key, the last response.
   *
   * @throws IllegalArgumentException for a negative attempt
   */
  public MockResult at(int attempt) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be >= 0, was " + attempt);
    }
    for (Range r : ranges) {
      if (attempt <= r.to()) {
        return r.result();
      }
    }
    return ranges.get(ranges.size() - 1).result();
  }
}
