package dev.redrive.simulator.junit;

import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.mock.MockConfig;
import dev.redrive.simulator.runtime.SimClock;
import dev.redrive.simulator.runtime.VirtualClock;
import dev.redrive.simulator.service.StepFunctionsService;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * One test's (or class's) simulator: the service, and on first request the served endpoint and a
 * client of it. Closing closes all of them, the client first.
 */
final class LocalStepFunctions implements AutoCloseable {
  private final StepFunctionsService service;
  private final Optional<VirtualClock> clock;
  private final MockConfig mockConfig;
  private final String region;
  private SimulatorServer server;
  private SfnClient client;

  LocalStepFunctions(String region, String account, Optional<VirtualClock> clock, MockConfig mock) {
    this.clock = clock;
    this.mockConfig = mock;
    this.region = region;
    SimClock time = clock.<SimClock>map(c -> c).orElse(SimClock.system());
    this.service =
        StepFunctionsService.builder()
            .region(region)
            .account(account)
            .clock(time)
            .mockConfig(mock)
            .build();
  }

  StepFunctionsService service() {
    return service;
  }

  Optional<VirtualClock> clock() {
    return clock;
  }

  MockConfig mockConfig() {
    return mockConfig;
  }

  synchronized SimulatorEndpoint endpoint() {
    if (server == null) {
      server = SimulatorServer.builder(service).build().start("127.0.0.1", 0);
    }
    return new SimulatorEndpoint(URI.create("http://127.0.0.1:" + server.port()), region);
  }

  synchronized SfnClient client() {
    if (client == null) {
      SimulatorEndpoint endpoint = endpoint();
      client =
          SfnClient.builder()
              .endpointOverride(endpoint.uri())
              .region(Region.of(region))
              // Dummies: the simulator does not check signatures, and a test must never pick up
              // the developer's real credentials.
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
              // SendTaskSuccess and friends would otherwise go to sync-HOST.
              .overrideConfiguration(
                  c ->
                      c.putAdvancedOption(
                          software.amazon.awssdk.core.client.config.SdkAdvancedClientOption
                              .DISABLE_HOST_PREFIX_INJECTION,
                          true))
              .httpClient(UrlConnectionHttpClient.create())
              .build();
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
    service.close();
  }
}
