package dev.redrive.cli.replay;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a long replay, on stderr: bytes read out of the total, events, events per second.
 * Rewritten in place ({@code \r}) on a terminal, one line every few seconds otherwise. It writes
 * nothing before its first interval has passed, so short replays print nothing.
 */
final class Progress {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final PrintWriter err;
  private final long totalBytes;
  private final LongSupplier bytesRead;
  private final LongSupplier nanoTime;
  private final boolean terminal;
  private final long intervalNanos;
  private final long start;
  private long last;
  private boolean shown;

  /**
   * @param totalBytes the size of the inputs, or 0 when it is not known (standard input)
   * @param bytesRead how many bytes have been read so far
   * @param nanoTime the clock ({@link System#nanoTime} outside tests)
   * @param terminal whether stderr is a terminal: rewrite one line in place
   */
  Progress(
      PrintWriter err,
      long totalBytes,
      LongSupplier bytesRead,
      LongSupplier nanoTime,
      boolean terminal) {
    this.err = err;
    this.totalBytes = totalBytes;
    this.bytesRead = bytesRead;
    this.nanoTime = nanoTime;
    this.terminal = terminal;
    this.intervalNanos = terminal ? NANOS_PER_SECOND / 2 : 5 * NANOS_PER_SECOND;
    this.start = nanoTime.getAsLong();
    this.last = start;
  }

  /** Called for each event; looks at the clock only every 4096 events. */
  void tick(long events) {
    if ((events & 0xFFF) != 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - last < intervalNanos) {
      return;
    }
    last = now;
    shown = true;
    err.print((terminal ? "\r" : "") + line(events, now) + (terminal ? "" : "\n"));
    err.flush();
  }

  /** Ends the progress line with the totals, if progress was shown. */
  void done(long events) {
    if (!shown) {
      return;
    }
    err.print((terminal ? "\r" : "") + line(events, nanoTime.getAsLong()) + "\n");
    err.flush();
  }

  private String line(long events, long now) {
    double seconds = Math.max(1e-9, (now - start) / (double) NANOS_PER_SECOND);
    String done =
        totalBytes <= 0
            ? "" // standard input: the size is not known
            : String.format(
                Locale.ROOT, "%3d%%  ", Math.min(100, bytesRead.getAsLong() * 100 / totalBytes));
    return String.format(
        Locale.ROOT,
        "replay: %s%,d events  %.1f s  %,d events/s",
        done,
        events,
        seconds,
        Math.round(events / seconds));
  }
}
