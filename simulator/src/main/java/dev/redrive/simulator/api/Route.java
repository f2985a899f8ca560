package dev.redrive.simulator.api;

import java.util.Locale;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;

/**
 * One entry of the endpoint's routing table ({@link SimulatorServer.Builder#route}): which requests
 * go to which Jetty {@link Handler}.
 *
 * <ul>
 *   <li>{@link #target}: requests whose {@code X-Amz-Target} header starts with the prefix, the way
 *       AWS's JSON protocols name a service ({@code AWSStepFunctions.}, {@code AmazonSQS.});
 *   <li>{@link #path}: requests without {@code X-Amz-Target} whose path starts with the prefix, any
 *       method ({@code /console/} for a web console; {@code /console} itself matches too).
 * </ul>
 *
 * The first route that matches takes the request; what none matches goes to the Step Functions
 * protocol, which answers it as AWS does ({@code UnknownOperationException}, or 405 for a method
 * other than POST).
 *
 * <p>A handler must not block a thread while it waits for something outside the request (answer
 * from a callback, as the GetActivityTask long poll does), and it completes the {@code Callback} it
 * is given exactly once.
 *
 * @param kind what the prefix is matched against
 * @param prefix the header value or path prefix
 * @param handler handles what matches
 */
public record Route(Kind kind, String prefix, Handler handler) {

  /** What a route's prefix is matched against. */
  public enum Kind {
    /** The {@code X-Amz-Target} header. */
    TARGET,
    /** The request path, for requests without {@code X-Amz-Target}. */
    PATH
  }

  /** The header that names an operation in AWS's JSON protocols. */
  public static final String TARGET_HEADER = "X-Amz-Target";

  public Route {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(handler, "handler");
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("route prefix must not be empty");
    }
    if (kind == Kind.PATH && !prefix.startsWith("/")) {
      throw new IllegalArgumentException("path route prefix must start with '/', was " + prefix);
    }
    if (kind == Kind.TARGET && !prefix.endsWith(".")) {
      throw new IllegalArgumentException(
          "target route prefix must end with '.' (e.g. AmazonSQS.), was " + prefix);
    }
  }

  /** Requests whose {@code X-Amz-Target} starts with {@code prefix}, e.g. {@code AmazonSQS.}. */
  public static Route target(String prefix, Handler handler) {
    return new Route(Kind.TARGET, prefix, handler);
  }

  /** Requests without {@code X-Amz-Target} whose path starts with {@code prefix}. */
  public static Route path(String prefix, Handler handler) {
    return new Route(Kind.PATH, prefix, handler);
  }

  /** Whether this route takes the request. */
  boolean matches(Request request) {
    String target = request.getHeaders().get(TARGET_HEADER);
    if (kind == Kind.TARGET) {
      return target != null && target.startsWith(prefix);
    }
    if (target != null) {
      return false;
    }
    String path = Request.getPathInContext(request);
    return path.startsWith(prefix) || (prefix.endsWith("/") && (path + "/").equals(prefix));
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + " " + prefix;
  }
}
