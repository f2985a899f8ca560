package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/** {@code States.Base64Encode}, {@code States.Base64Decode} and {@code States.Hash}. */
final class EncodingFunctions {
  /** The longest input AWS accepts for the Base64 functions and for Hash, in characters. */
  static final int MAX_INPUT_CHARACTERS = 10_000;

  /** The algorithms of States.Hash; their names are also Java's MessageDigest names. */
  static final Set<String> HASH_ALGORITHMS =
      Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  private EncodingFunctions() {}

  /** The UTF-8 bytes of the string, Base64-encoded. */
  static JsonNode base64Encode(Arguments args) {
    String value = limited(args, "States.Base64Encode");
    return TextNode.valueOf(
        Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
  }

  /** The string whose UTF-8 bytes the Base64 argument encodes. */
  static JsonNode base64Decode(Arguments args) {
    String value = limited(args, "States.Base64Decode");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw args.fail("The argument of States.Base64Decode is not valid Base64: '" + value + "'");
    }
    try {
      return TextNode.valueOf(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      throw args.fail(
          "The argument of States.Base64Decode does not decode to UTF-8 text: '" + value + "'");
    }
  }

  /** The hash of the string's UTF-8 bytes, as lowercase hexadecimal. */
  static JsonNode hash(Arguments args) {
    String value = limited(args, "States.Hash");
    String algorithm = args.string(1);
    if (!HASH_ALGORITHMS.contains(algorithm)) {
      throw args.fail(
          "The hashing algorithm '"
              + algorithm
              + "' is not supported by States.Hash; use one of MD5, SHA-1, SHA-256, SHA-384,"
              + " SHA-512");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8));
      return TextNode.valueOf(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides " + algorithm, e);
    }
  }

  private static String limited(Arguments args, String function) {
    String value = args.string(0);
    if (value.length() > MAX_INPUT_CHARACTERS) {
      throw args.fail(
          "The input of "
              + function
              + " must contain at most "
              + MAX_INPUT_CHARACTERS
              + " characters, but has "
              + value.length());
    }
    return value;
  }
}
