package dev.redrive.console;

import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.mock.MockConfig;
import dev.redrive.simulator.service.StepFunctionsService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The simulator's endpoint on 127.0.0.1 with the console routed at /console/, for tests. */
final class ConsoleServer implements AutoCloseable {
  final StepFunctionsService service;
  final SimulatorServer server;

  ConsoleServer(Simulator simulator, ControllerDecisions decisions) {
    this.service = StepFunctionsService.builder().simulator(simulator).build();
    this.server =
        SimulatorServer.builder(service)
            .route(
                dev.redrive.simulator.api.Route.path(
                    Console.PREFIX, new JettyHandler(new Console(service, decisions))))
            .build()
            .start("127.0.0.1", 0);
  }

  static Simulator.Builder simulator(String mocks) {
    return Simulator.builder().mockConfig(MockConfig.parse(mocks, "test mocks"));
  }

  String url(String query) {
    return "http://127.0.0.1:" + server.port() + "/console/" + query;
  }

  String executionUrl(String arn) {
    return url("?view=execution&arn=" + URLEncoder.encode(arn, StandardCharsets.UTF_8));
  }

  String createStateMachine(String name, String definition) {
    return service
        .createStateMachine(
            name, definition, "arn:aws:iam::111111111111:role/test", null, null, null, null, null)
        .arn();
  }

  @Override
  public void close() {
    server.close();
    service.close();
  }
}
