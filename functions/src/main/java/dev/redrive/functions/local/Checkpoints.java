package dev.redrive.functions.local;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Startup checkpoints for {@link LocalInvoke}: with {@code -Dredrive.startupTrace=true}, prints to
 * standard error how many milliseconds after the JVM started each step ended. Off, it does nothing.
 */
final class Checkpoints {
  private final boolean on;
  private final List<String> names = new ArrayList<>();
  private final List<Long> nanos = new ArrayList<>();

  Checkpoints(boolean on) {
    this.on = on;
  }

  void mark(String name) {
    if (on) {
      names.add(name);
      nanos.add(System.nanoTime());
    }
  }

  /**
   * Prints the checkpoints; reads the JVM's start time only now, so as not to slow what it times.
   */
  void print() {
    if (!on) {
      return;
    }
    long now = System.nanoTime();
    long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    double previous = 0;
    for (int i = 0; i < names.size(); i++) {
      double at = uptimeMillis - (now - nanos.get(i)) / 1e6;
      System.err.printf("startup %-12s at %6.0f ms (+%4.0f)%n", names.get(i), at, at - previous);
      previous = at;
    }
  }
}
