package dev.redrive.simulator.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POSTs each event as {@code application/json} to a URL, asynchronously, without retries: a slow or
 * failing receiver never holds up an execution. Requests time out after the given duration. Every
 * event that is not delivered (no connection, a timeout, an answer other than 2xx) is logged with
 * the reason and the number lost so far ({@link #failures()}).
 */
public final class HttpEventSink implements EventSink {
  private static final Logger LOG = Logger.getLogger(HttpEventSink.class.getName());

  private final URI url;
  private final HttpClient client;
  private final Duration timeout;
  private final AtomicLong failures = new AtomicLong();

  /**
   * @param url where events go, {@code http} or {@code https}
   * @param timeout how long one delivery may take
   */
  public HttpEventSink(URI url, Duration timeout) {
    this(url, HttpClient.newBuilder().connectTimeout(timeout).build(), timeout);
  }

  /** A sink sending through the given client (for tests). */
  public HttpEventSink(URI url, HttpClient client, Duration timeout) {
    this.url = Objects.requireNonNull(url, "url");
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("url must be http or https, was " + url);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
    }
  }

  @Override
  public void accept(String json) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                lost(error.toString());
              } else if (response.statusCode() / 100 != 2) {
                lost("answered HTTP " + response.statusCode());
              }
            });
  }

  /** How many events were not delivered. */
  public long failures() {
    return failures.get();
  }

  private void lost(String reason) {
    long lost = failures.incrementAndGet();
    LOG.log(
        Level.WARNING,
        () ->
            "event not delivered to "
                + url
                + " ("
                + lost
                + (lost == 1 ? " event" : " events")
                + " lost so far): "
                + reason);
  }

  @Override
  public void close() {
    // HttpClient has no close() before Java 21; its threads are daemons.
  }

  @Override
  public String toString() {
    return "events URL " + url;
  }
}
