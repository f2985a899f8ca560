package dev.redrive.console;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The console on Jetty 12: the adapter for a server that routes {@link Console#PREFIX} to a Jetty
 * {@link Handler} (the simulator's {@code SimulatorServer.Builder#route(Route.path("/console/",
 * handler))}). Bodies over {@link JdkHttpHandler#MAX_BODY} are refused. The console answers from
 * memory: reading the request's own body is the only wait.
 */
public final class JettyHandler extends Handler.Abstract {
  private final Console console;

  /** The adapter for {@code console}. */
  public JettyHandler(Console console) {
    this.console = Objects.requireNonNull(console, "console");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(JdkHttpHandler.MAX_BODY + 1);
    }
    ConsoleResponse answer;
    if (body.length > JdkHttpHandler.MAX_BODY) {
      answer =
          ConsoleResponse.text(
              413,
              "expected a request body of at most "
                  + JdkHttpHandler.MAX_BODY
                  + " bytes, found more");
    } else {
      Map<String, String> headers = new HashMap<>();
      for (HttpField field : request.getHeaders()) {
        headers.putIfAbsent(field.getLowerCaseName(), field.getValue());
      }
      answer =
          console.handle(
              new ConsoleRequest(
                  request.getMethod(),
                  Request.getPathInContext(request),
                  JdkHttpHandler.query(request.getHttpURI().getQuery()),
                  headers,
                  body));
    }
    response.setStatus(answer.status());
    Console.HEADERS.forEach((k, v) -> response.getHeaders().put(k, v));
    response.getHeaders().put("Content-Type", answer.contentType());
    boolean head = request.getMethod().equals("HEAD");
    response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(answer.body()), callback);
    return true;
  }
}
