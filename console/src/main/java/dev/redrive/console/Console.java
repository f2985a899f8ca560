package dev.redrive.console;

import dev.redrive.console.api.ConsoleApi;
import dev.redrive.console.graph.GraphLayout;
import dev.redrive.console.graph.StateGraph;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's web console, independent of any HTTP server: {@link #handle} takes a request
 * below {@link #PREFIX} and returns the response. It serves the page ({@code /console/}), its
 * assets ({@code /console/static/...}, from this jar: nothing is fetched from anywhere else) and
 * the JSON endpoints of {@link ConsoleApi} ({@code /console/api/...}).
 *
 * <p>Every response should carry {@link #HEADERS}: the page may talk only to the server it came
 * from ({@code Content-Security-Policy}). Thread-safe.
 */
public final class Console {
  /** The path prefix the console answers below. */
  public static final String PREFIX = "/console/";

  /**
   * The headers of every console response: scripts, styles, images and requests from this server
   * only, no framing, no content sniffing, no referrer.
   */
  public static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
              + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "no-referrer",
          "Cache-Control",
          "no-store");

  private static final Map<String, String> ASSETS =
      Map.of(
          "console.js", "text/javascript; charset=utf-8",
          "console.css", "text/css; charset=utf-8",
          "favicon.svg", "image/svg+xml");

  private final ConsoleApi api;
  private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

  /** The console of {@code service}, showing the decisions of {@code decisions}. */
  public Console(StepFunctionsService service, ControllerDecisions decisions) {
    this.api =
        new ConsoleApi(
            Objects.requireNonNull(service, "service"),
            Objects.requireNonNull(decisions, "decisions"));
    // The first layout loads the Eclipse Layout Kernel and EMF (seconds on a busy machine): done
    // now, in the background, so that the first execution opened does not wait for it.
    Thread warmUp =
        new Thread(
            () ->
                GraphLayout.layout(
                    StateGraph.of(
                        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}")),
            "redrive-console-warm-up");
    warmUp.setDaemon(true);
    warmUp.setPriority(Thread.MIN_PRIORITY);
    warmUp.start();
  }

  /**
   * Answers one request.
   *
   * @return the response; 404 for a path the console does not serve
   */
  public ConsoleResponse handle(ConsoleRequest request) {
    String path = request.path();
    if (path.equals("/console") || path.equals(PREFIX) || path.equals(PREFIX + "index.html")) {
      if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
        return ConsoleResponse.text(405, "expected GET, found " + request.method());
      }
      return new ConsoleResponse(200, "text/html; charset=utf-8", asset("index.html"));
    }
    if (path.startsWith(PREFIX + "api/")) {
      return api.handle(path.substring((PREFIX + "api/").length()), request);
    }
    if (path.startsWith(PREFIX + "static/")) {
      String name = path.substring((PREFIX + "static/").length());
      String type = ASSETS.get(name);
      if (type != null) {
        return new ConsoleResponse(200, type, asset(name));
      }
    }
    return ConsoleResponse.text(404, "not found: " + path);
  }

  private byte[] asset(String name) {
    return assets.computeIfAbsent(
        name,
        n -> {
          try (InputStream in = Console.class.getResourceAsStream("static/" + n)) {
            if (in == null) {
              throw new IllegalStateException("console asset missing from the jar: static/" + n);
            }
            return in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read console asset static/" + n, e);
          }
        });
  }
}
