package dev.redrive.simulator.junit;

import java.net.URI;
import java.util.Objects;

/**
 * Where a served simulator listens, for clients other than the injected {@code SfnClient} (the AWS
 * CLI, another SDK, a controller under test).
 *
 * @param uri {@code http://127.0.0.1:PORT}
 * @param region the region its ARNs use
 */
public record SimulatorEndpoint(URI uri, String region) {
  public SimulatorEndpoint {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(region, "region");
  }

  /** The port. */
  public int port() {
    return uri.getPort();
  }
}
