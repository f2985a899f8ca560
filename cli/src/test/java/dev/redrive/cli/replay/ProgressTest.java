package dev.redrive.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  private final StringWriter err = new StringWriter();
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  private Progress progress(boolean terminal) {
    return new Progress(new PrintWriter(err), 1000, bytes::get, nanos::get, terminal);
  }

  @Test
  void aShortReplayPrintsNothing() {
    Progress progress = progress(true);

    nanos.set(SECOND / 10);
    progress.tick(4096);
    progress.done(5000);

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void rewritesOneLineOnATerminal() {
    Progress progress = progress(true);

    bytes.set(250);
    nanos.set(SECOND);
    progress.tick(4096);
    bytes.set(1000);
    nanos.set(2 * SECOND);
    progress.tick(8192);
    progress.done(10000);

    assertThat(err.toString())
        .isEqualTo(
            "\rreplay:  25%  4,096 events  1.0 s  4,096 events/s"
                + "\rreplay: 100%  8,192 events  2.0 s  4,096 events/s"
                + "\rreplay: 100%  10,000 events  2.0 s  5,000 events/s\n");
  }

  @Test
  void printsALineEveryFiveSecondsElsewhere() {
    Progress progress = progress(false);

    nanos.set(SECOND);
    progress.tick(4096);
    nanos.set(6 * SECOND);
    progress.tick(8192);

    assertThat(err.toString()).isEqualTo("replay:   0%  8,192 events  6.0 s  1,365 events/s\n");
  }

  @Test
  void looksAtTheClockOnlyEvery4096Events() {
    Progress progress = progress(true);

    nanos.set(10 * SECOND);
    progress.tick(4095);
    progress.tick(4097);

    assertThat(err.toString()).isEmpty();
  }
}
