package dev.redrive.functions.controller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The RedriveExecution {@code clientToken} for an {@code (executionArn, redriveCount)} pair: the
 * same pair always gives the same token, so Step Functions itself treats a repeated call as the
 * same request. 64 hex characters, within the API's 1-64 printable-ASCII limit.
 */
public final class ClientTokens {
  private ClientTokens() {}

  /** SHA-256 of {@code executionArn + "#" + redriveCount}, in lowercase hex. */
  public static String of(String executionArn, long redriveCount) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest((executionArn + "#" + redriveCount).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
