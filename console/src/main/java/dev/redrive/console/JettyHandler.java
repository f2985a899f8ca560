package dev.redrive.console;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The console on the simulator's Jetty server: the handler for the route of {@link Console#PREFIX}
 * ({@code Route.path(Console.PREFIX, new JettyHandler(console))}). Bodies over {@link #MAX_BODY}
 * are refused with 413. The console's calls are short and local, so this handler reads the body and
 * answers on the request's thread.
 */
public final class JettyHandler extends Handler.Abstract {
  /** Largest request body read (an execution input is at most 256 KiB). */
  public static final int MAX_BODY = 1024 * 1024;

  private final Console console;

  /** The adapter for {@code console}. */
  public JettyHandler(Console console) {
    this.console = Objects.requireNonNull(console, "console");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    ConsoleResponse answer;
    long declared = request.getLength();
    byte[] body;
    if (declared > MAX_BODY) {
      body = null;
    } else {
      try (InputStream in = Content.Source.asInputStream(request)) {
        body = in.readNBytes(MAX_BODY + 1);
      }
    }
    if (body == null || body.length > MAX_BODY) {
      answer =
          ConsoleResponse.text(
              413, "expected a request body of at most " + MAX_BODY + " bytes, found more");
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    } else {
      Map<String, String> headers = new HashMap<>();
      for (HttpField f : request.getHeaders()) {
        headers.putIfAbsent(f.getName().toLowerCase(Locale.ROOT), f.getValue());
      }
      answer =
          console.handle(
              new ConsoleRequest(
                  request.getMethod(),
                  Request.getPathInContext(request),
                  query(request.getHttpURI().getQuery()),
                  headers,
                  body));
    }
    Console.HEADERS.forEach((k, v) -> response.getHeaders().put(k, v));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
    response.setStatus(answer.status());
    boolean head = request.getMethod().equals("HEAD");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(answer.body()), callback);
    return true;
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
