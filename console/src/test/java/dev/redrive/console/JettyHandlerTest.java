package dev.redrive.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.simulator.service.StepFunctionsService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The console served by Jetty 12 through {@link JettyHandler}, on 127.0.0.1. */
class JettyHandlerTest {
  @Test
  void servesThePageAndTheApiWithTheConsoleHeaders() throws Exception {
    try (StepFunctionsService service = StepFunctionsService.builder().build()) {
      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      jetty.addConnector(connector);
      jetty.setHandler(new JettyHandler(new Console(service, ControllerDecisions.NONE)));
      jetty.start();
      try {
        String base = "http://127.0.0.1:" + connector.getLocalPort();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> page =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/console/")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/console/api/executions?page=x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("static/console.js");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
            .get()
            .asString()
            .contains("connect-src 'self'");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).contains("expected 'page' to be a whole number, found 'x'");
      } finally {
        jetty.stop();
      }
    }
  }
}
