package dev.redrive.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteLinesTest {
  private static List<String> lines(InputStream in) throws IOException {
    ByteLines lines = new ByteLines(in);
    List<String> seen = new ArrayList<>();
    while (lines.next()) {
      seen.add(
          new String(
              lines.buffer(), lines.lineStart(), lines.lineLength(), StandardCharsets.UTF_8));
    }
    return seen;
  }

  private static List<String> lines(String text) throws IOException {
    return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void splitsOnNewlinesAndDropsCarriageReturns() throws IOException {
    assertThat(lines("a\nb\r\n\nc")).containsExactly("a", "b", "", "c");
  }

  @Test
  void dropsTheByteOrderMarkOfTheFirstLineOnly() throws IOException {
    assertThat(lines("\uFEFFa\n\uFEFFb\n")).containsExactly("a", "\uFEFFb");
  }

  @Test
  void readsLinesLongerThanItsBufferAcrossManySmallReads() throws IOException {
    String longLine = "x".repeat(300_000);
    byte[] bytes = ("short\n" + longLine + "\n" + "é\n").getBytes(StandardCharsets.UTF_8);
    InputStream trickle =
        new ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, 1000));
          }
        };

    assertThat(lines(trickle)).containsExactly("short", longLine, "é");
  }

  @Test
  void anEmptyStreamHasNoLines() throws IOException {
    assertThat(lines("")).isEmpty();
  }
}
