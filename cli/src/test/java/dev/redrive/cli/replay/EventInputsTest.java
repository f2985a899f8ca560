package dev.redrive.cli.replay;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.Cli.run;
import static dev.redrive.cli.Cli.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redrive.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} and {@code policy explain} accept and refuse the same inputs: every file of {@code
 * src/test/resources/event-inputs/}, and binary ones generated here, is either accepted by both
 * ({@code ok-*}: one decision, exit 0) or refused by both ({@code bad-*}: a malformed input, exit
 * 2), each refusal with the file and line.
 */
class EventInputsTest {
  private static final String POLICY = sample("policies/demo.yaml");
  private static final Path FOLDER = Path.of(resource("event-inputs"));

  @TempDir static Path generated;

  @TestFactory
  Stream<DynamicTest> replayAndExplainAgreeOnEveryInput() throws IOException {
    List<Path> files = new ArrayList<>(textFiles());
    files.addAll(binaryFiles());
    return files.stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  @Test
  void reportsANamedPipeInAReplayFolderInsteadOfSkippingIt(@TempDir Path folder) throws Exception {
    Files.copy(FOLDER.resolve("ok-one-event.json"), folder.resolve("a.json"));
    Path pipe = folder.resolve("b.jsonl");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo is not available here: " + e.getMessage());
      return;
    }
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed: cannot make a named pipe here");

    Cli.Result result = run("replay", "--policy", POLICY, folder.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            pipe
                + ":1: not a regular file (a named pipe, socket, device or broken link): not"
                + " read");
    assertThat(result.out()).contains("REDRIVE");
  }

  @Test
  void explainRefusesANamedPipeRatherThanWaitingOnIt(@TempDir Path folder) throws Exception {
    Path pipe = folder.resolve("event.json");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo is not available here: " + e.getMessage());
      return;
    }
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed: cannot make a named pipe here");

    Cli.Result result = run("policy", "explain", "--policy", POLICY, pipe.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("cannot read event " + pipe + ": not a regular file");
  }

  private static void check(Path file) {
    boolean accepted = file.getFileName().toString().startsWith("ok-");
    Cli.Result replay = run("replay", "--policy", POLICY, "--json", file.toString());
    Cli.Result explain = run("policy", "explain", "--policy", POLICY, "--json", file.toString());

    if (accepted) {
      assertThat(replay.code()).as("replay exit code; err: %s", replay.err()).isZero();
      assertThat(replay.out().lines().filter(line -> line.contains("\"action\""))).hasSize(1);
      assertThat(explain.code()).as("explain exit code; err: %s", explain.err()).isZero();
      assertThat(explain.out()).contains("\"action\"");
    } else {
      assertThat(replay.code()).as("replay exit code; out: %s", replay.out()).isEqualTo(2);
      assertThat(replay.err()).as("replay names the file and line").contains(file + ":");
      assertThat(explain.code()).as("explain exit code; out: %s", explain.out()).isEqualTo(2);
      assertThat(explain.err()).as("explain names the file").contains(file.toString());
      assertThat(replay.err() + explain.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  private static List<Path> textFiles() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files
          .filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".jsonl"))
          .sorted()
          .toList();
    }
  }

  /** Encodings and malformed UTF-8 around the one event of {@code ok-one-event.json}. */
  private static List<Path> binaryFiles() throws IOException {
    String event = Files.readString(FOLDER.resolve("ok-one-event.json"));
    byte[] utf8 = event.getBytes(StandardCharsets.UTF_8);
    List<Path> files = new ArrayList<>();
    files.add(write("ok-utf8-byte-order-mark.json", bytes(0xEF, 0xBB, 0xBF), utf8));
    files.add(write("ok-utf8-byte-order-mark.jsonl", bytes(0xEF, 0xBB, 0xBF), oneLine(event)));
    files.add(
        write(
            "ok-utf8-multibyte-cause.json",
            withCause(event, "d\u00e9j\u00e0 \u20ac \uD83D\uDE00")));
    files.add(
        write("bad-utf16le-byte-order-mark.json", bytes(0xFF, 0xFE), encode(event, "UTF-16LE")));
    files.add(
        write("bad-utf16be-byte-order-mark.json", bytes(0xFE, 0xFF), encode(event, "UTF-16BE")));
    files.add(write("bad-utf16le-no-mark.json", encode(event, "UTF-16LE")));
    files.add(write("bad-utf16be-no-mark.jsonl", encode(oneLineText(event), "UTF-16BE")));
    files.add(
        write(
            "bad-utf32be-byte-order-mark.json",
            bytes(0, 0, 0xFE, 0xFF),
            encode(event, "UTF-32BE")));
    files.add(
        write(
            "bad-utf32le-byte-order-mark.json",
            bytes(0xFF, 0xFE, 0, 0),
            encode(event, "UTF-32LE")));
    // '/' as the overlong two-byte form C0 AF, inside the cause; and the same in JSON lines.
    files.add(write("bad-overlong-utf8.json", withCauseBytes(utf8, bytes(0xC0, 0xAF))));
    files.add(
        write("bad-overlong-utf8.jsonl", withCauseBytes(oneLine(event), bytes(0xE0, 0x80, 0xAF))));
    files.add(write("bad-utf8-surrogate.json", withCauseBytes(utf8, bytes(0xED, 0xA0, 0x80))));
    files.add(
        write("bad-utf8-above-10ffff.json", withCauseBytes(utf8, bytes(0xF4, 0x90, 0x80, 0x80))));
    files.add(write("bad-utf8-truncated.json", utf8, bytes(0xE2, 0x82)));
    files.add(
        write(
            "bad-latin1.json",
            event
                .replaceFirst("\"cause\": \"", "\"cause\": \"d\u00e9j\u00e0 ")
                .getBytes(StandardCharsets.ISO_8859_1)));
    return files;
  }

  private static byte[] withCause(String event, String cause) {
    return event
        .replaceFirst("\"cause\": \"", "\"cause\": \"" + cause)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] withCauseBytes(byte[] event, byte[] inserted) {
    String text = new String(event, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("\"cause\":");
    int quote = text.indexOf('"', at + "\"cause\":".length()) + 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(event, 0, quote);
    out.writeBytes(inserted);
    out.write(event, quote, event.length - quote);
    return out.toByteArray();
  }

  private static String oneLineText(String event) {
    return event.replace("\n", "") + "\n";
  }

  private static byte[] oneLine(String event) {
    return oneLineText(event).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] encode(String text, String charset) {
    return text.getBytes(Charset.forName(charset));
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static Path write(String name, byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    try {
      return Files.write(generated.resolve(name), out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
