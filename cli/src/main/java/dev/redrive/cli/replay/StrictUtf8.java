package dev.redrive.cli.replay;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for event input, with the JDK's decoder (which refuses overlong forms, surrogates
 * and code points above U+10FFFF, all of which Jackson's byte parser lets through), and the other
 * encodings JSON parsers guess from the first bytes, which event files are not read in.
 */
final class StrictUtf8 {
  private StrictUtf8() {}

  /** Input that is not UTF-8, with the 1-based line it was found on. */
  static final class NotUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    NotUtf8Exception(String message, long line) {
      super(message);
      this.line = line;
    }

    long line() {
      return line;
    }
  }

  /**
   * Why the first bytes of an input show it is UTF-16 or UTF-32 (with or without a byte-order
   * mark), or null. A JSON text starts with an ASCII character, so a zero byte among the first two
   * means a wider encoding.
   */
  static String otherEncoding(int b0, int b1, int b2, int b3) {
    if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
      return "UTF-32 text (big-endian byte-order mark)";
    }
    if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
      return "UTF-32 text (little-endian byte-order mark)";
    }
    if (b0 == 0xFE && b1 == 0xFF) {
      return "UTF-16 text (big-endian byte-order mark)";
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      return "UTF-16 text (little-endian byte-order mark)";
    }
    if (b0 == 0 || (b1 == 0 && b0 >= 0)) {
      return "UTF-16 or UTF-32 text (zero bytes, no byte-order mark)";
    }
    return null;
  }

  /** The message for an input in another encoding. */
  static String unsupported(String encoding) {
    return "not UTF-8: "
        + encoding
        + "; events are read as UTF-8 (convert it, e.g. iconv -f UTF-16 -t UTF-8)";
  }

  /**
   * The index of the first byte of {@code bytes[start, start + length)} that is not part of
   * well-formed UTF-8, or -1.
   */
  static int firstMalformed(byte[] bytes, int start, int length) {
    int end = start + length;
    int i = start;
    while (i < end && bytes[i] >= 0) {
      i++; // ASCII: the common case, checked without the decoder
    }
    if (i == end) {
      return -1;
    }
    CharsetDecoder decoder = decoder();
    ByteBuffer in = ByteBuffer.wrap(bytes, i, end - i);
    CharBuffer out = CharBuffer.allocate(end - i);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      return in.position();
    }
    return -1;
  }

  private static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /**
   * Passes bytes through while they are well-formed UTF-8. At the first malformed byte it returns
   * the bytes before it, then fails on the next read with a {@link NotUtf8Exception}, so that the
   * values before the bad byte are still read.
   */
  static final class Stream extends FilterInputStream {
    private final CharsetDecoder decoder = decoder();
    private final byte[] pending = new byte[4];
    private int pendingLength;
    private CharBuffer scratch = CharBuffer.allocate(8192);
    private long line = 1;
    private long offset;
    private NotUtf8Exception failure;

    Stream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (failure != null) {
        throw failure;
      }
      int n = in.read(b, off, len);
      if (n < 0) {
        if (pendingLength > 0) {
          failure = malformed("truncated at the end of the input");
          throw failure;
        }
        return -1;
      }
      int valid = validate(b, off, n);
      if (valid == 0 && failure != null) {
        throw failure;
      }
      return valid;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] skipped = new byte[(int) Math.min(n, 8192)];
      int read = read(skipped, 0, skipped.length);
      return Math.max(0, read);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    /** How many of the {@code n} bytes read are well-formed (all unless a failure is recorded). */
    private int validate(byte[] b, int off, int n) {
      int i = off;
      int end = off + n;
      if (pendingLength == 0) {
        while (i < end && b[i] >= 0) {
          if (b[i] == '\n') {
            line++;
          }
          i++;
        }
        if (i == end) {
          offset += n;
          return n;
        }
      }
      // Decode the rest, after any bytes of a sequence the previous read cut in two.
      int rest = end - i;
      ByteBuffer input = ByteBuffer.allocate(pendingLength + rest);
      input.put(pending, 0, pendingLength).put(b, i, rest).flip();
      if (scratch.capacity() < input.remaining()) {
        scratch = CharBuffer.allocate(input.remaining());
      }
      scratch.clear();
      CoderResult result = decoder.decode(input, scratch, false);
      int consumed = input.position() - pendingLength; // bytes of b[i, end) accepted
      for (int j = i; j < i + Math.max(0, consumed); j++) {
        if (b[j] == '\n') {
          line++;
        }
      }
      if (result.isError()) {
        int bad = i + Math.max(0, consumed);
        offset += bad - off;
        failure = malformed("malformed or overlong byte sequence");
        pendingLength = 0;
        return bad - off;
      }
      // An incomplete sequence at the end waits for the next read.
      pendingLength = input.remaining();
      input.get(pending, 0, pendingLength);
      offset += n;
      return n;
    }

    private NotUtf8Exception malformed(String what) {
      return new NotUtf8Exception(
          "not UTF-8: " + what + " at byte " + offset + "; the rest of the input is skipped", line);
    }
  }
}
