package dev.redrive.simulator.sqs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * The MD5 digests SQS returns with a message, which the AWS SDKs check: of the body's UTF-8 bytes,
 * and of the message attributes in SQS's documented encoding (each attribute in name order: the
 * name, the data type, a transport byte (1 for String and Number, 2 for Binary) and the value, each
 * length-prefixed with a 4-byte big-endian count). Written here because the encoding is SQS's own
 * and no library outside the SDKs' checking code implements it.
 */
final class MessageMd5 {
  private MessageMd5() {}

  /** The hex MD5 of the body's UTF-8 bytes. */
  static String ofBody(String body) {
    return hex(body.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex MD5 of the attributes, or null when there are none (SQS then omits the field). */
  static String ofAttributes(SortedMap<String, MessageAttribute> attributes) {
    if (attributes.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      MessageAttribute a = e.getValue();
      lengthPrefixed(out, e.getKey().getBytes(StandardCharsets.UTF_8));
      lengthPrefixed(out, a.dataType().getBytes(StandardCharsets.UTF_8));
      if (a.binary()) {
        out.write(2);
        lengthPrefixed(out, a.binaryValue());
      } else {
        out.write(1);
        lengthPrefixed(out, a.stringValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return hex(out.toByteArray());
  }

  private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  private static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}
