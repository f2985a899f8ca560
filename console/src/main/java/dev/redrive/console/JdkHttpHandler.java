package dev.redrive.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The console on the JDK's {@code com.sun.net.httpserver}: the adapter for a server that routes
 * {@link Console#PREFIX} to a {@link HttpHandler}. Bodies over {@link #MAX_BODY} are refused.
 */
public final class JdkHttpHandler implements HttpHandler {
  /** Largest request body read (an execution input is at most 256 KiB). */
  public static final int MAX_BODY = 1024 * 1024;

  private final Console console;

  /** The adapter for {@code console}. */
  public JdkHttpHandler(Console console) {
    this.console = Objects.requireNonNull(console, "console");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      ConsoleResponse response;
      if (body.length > MAX_BODY) {
        response =
            ConsoleResponse.text(
                413, "expected a request body of at most " + MAX_BODY + " bytes, found more");
      } else {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
          if (!h.getValue().isEmpty()) {
            headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().get(0));
          }
        }
        response =
            console.handle(
                new ConsoleRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    query(exchange.getRequestURI().getRawQuery()),
                    headers,
                    body));
      }
      Console.HEADERS.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    }
  }

  /** The query parameters, decoded; the first value of each. */
  static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.putIfAbsent(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed %-escape: the parameter is left out, as if not sent
      }
    }
    return params;
  }
}
