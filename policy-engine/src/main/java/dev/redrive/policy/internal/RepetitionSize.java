package dev.redrive.policy.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * An estimate of the program a pattern compiles to, taken from its text before compiling: RE2/J
 * expands counted repetitions ({@code a{100}}) into copies, so nested ones multiply ({@code
 * ((a{1000}){1000}){1000}} would take minutes and gigabytes to compile) and RE2/J has no limit of
 * its own. Each literal, class or escape counts 1, a group its contents, a repetition {@code {n,m}}
 * multiplies what it repeats by its larger bound.
 */
final class RepetitionSize {
  /** The estimate may be this many times the allowed program before compiling is refused. */
  private static final long SLACK = 10;

  private RepetitionSize() {}

  /** Why {@code regex} would compile to far more than {@code maxProgram} instructions, if so. */
  static Optional<String> check(String regex, int maxProgram) {
    long estimate = estimate(regex);
    if (estimate > SLACK * maxProgram) {
      return Optional.of(
          "the pattern is too large: its counted repetitions expand to about "
              + (estimate >= Long.MAX_VALUE / 4 ? "more than 10^18" : String.valueOf(estimate))
              + " instructions, at most "
              + maxProgram
              + " are allowed");
    }
    return Optional.empty();
  }

  private static final class Frame {
    long total;
    long last;
  }

  static long estimate(String regex) {
    Deque<Frame> stack = new ArrayDeque<>();
    Frame frame = new Frame();
    int n = regex.length();
    for (int i = 0; i < n; i++) {
      char c = regex.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 < n && regex.charAt(i + 1) == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            int stop = end < 0 ? n : end;
            atom(frame, Math.max(1, stop - (i + 2)));
            i = end < 0 ? n : end + 1;
          } else {
            i = skipEscape(regex, i);
            atom(frame, 1);
          }
        }
        case '[' -> {
          i = skipClass(regex, i);
          atom(frame, 1);
        }
        case '(' -> {
          stack.push(frame);
          frame = new Frame();
        }
        case ')' -> {
          long inner = frame.total + 1;
          frame = stack.isEmpty() ? new Frame() : stack.pop();
          atom(frame, inner);
        }
        case '|' -> {
          frame.total = add(frame.total, 1);
          frame.last = 0;
        }
        case '*', '+', '?' -> frame.total = add(frame.total, 1);
        case '{' -> {
          int close = regex.indexOf('}', i);
          long bound = close < 0 ? -1 : bound(regex.substring(i + 1, close));
          if (bound < 0) {
            atom(frame, 1); // a literal '{'
          } else {
            frame.total = add(frame.total, multiply(frame.last, Math.max(0, bound - 1)));
            frame.last = multiply(frame.last, bound);
            i = close;
          }
        }
        default -> atom(frame, 1);
      }
    }
    while (!stack.isEmpty()) {
      long inner = frame.total + 1;
      frame = stack.pop();
      atom(frame, inner);
    }
    return frame.total;
  }

  private static void atom(Frame frame, long size) {
    frame.total = add(frame.total, size);
    frame.last = size;
  }

  /** The larger bound of {@code n}, {@code n,} or {@code n,m}; -1 if it is not a repetition. */
  private static long bound(String inside) {
    if (!inside.matches("\\d{1,9}(,\\d{0,9})?")) {
      return -1;
    }
    int comma = inside.indexOf(',');
    if (comma < 0) {
      return Long.parseLong(inside);
    }
    String upper = inside.substring(comma + 1);
    return upper.isEmpty() ? Long.parseLong(inside.substring(0, comma)) + 1 : Long.parseLong(upper);
  }

  private static int skipEscape(String regex, int i) {
    int next = i + 1;
    if (next + 1 < regex.length()
        && "pPx".indexOf(regex.charAt(next)) >= 0
        && regex.charAt(next + 1) == '{') {
      int close = regex.indexOf('}', next);
      return close < 0 ? regex.length() : close;
    }
    return next;
  }

  private static int skipClass(String regex, int i) {
    int j = i + 1;
    if (j < regex.length() && regex.charAt(j) == '^') {
      j++;
    }
    if (j < regex.length() && regex.charAt(j) == ']') {
      j++;
    }
    for (; j < regex.length(); j++) {
      char c = regex.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '[' && j + 1 < regex.length() && regex.charAt(j + 1) == ':') {
        int end = regex.indexOf(":]", j + 2);
        if (end > 0) {
          j = end + 1;
        }
      } else if (c == ']') {
        return j;
      }
    }
    return regex.length();
  }

  private static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE / 2 : Math.min(sum, Long.MAX_VALUE / 2);
  }

  private static long multiply(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > (Long.MAX_VALUE / 2) / b ? Long.MAX_VALUE / 2 : a * b;
  }
}
