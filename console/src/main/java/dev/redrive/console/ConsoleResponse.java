package dev.redrive.console;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What the console answers: an HTTP status, a content type and the bytes of the body.
 *
 * @param status the HTTP status
 * @param contentType e.g. {@code application/json}
 * @param body the body
 */
public record ConsoleResponse(int status, String contentType, byte[] body) {
  /** The content type of the console's JSON. */
  public static final String JSON = "application/json";

  public ConsoleResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100 to 599, was " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** A plain text response. */
  public static ConsoleResponse text(int status, String text) {
    return new ConsoleResponse(
        status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
