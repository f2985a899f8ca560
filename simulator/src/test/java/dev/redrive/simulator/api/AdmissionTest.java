package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.service.StepFunctionsService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;

/**
 * What the endpoint cannot take is refused as AWS refuses it: request bodies beyond the memory
 * budget with {@code ThrottlingException}; task tokens it never issued with {@code InvalidToken},
 * whether they look like tokens or not.
 */
class AdmissionTest {
  private static final int BUDGET = 64 * 1024;

  private final StepFunctionsService service = StepFunctionsService.builder().build();
  private final SimulatorServer server =
      SimulatorServer.builder(service).admittedBytes(BUDGET).build().start("127.0.0.1", 0);
  private final SfnClient sfn = Endpoint.client(server.port());
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void stop() {
    sfn.close();
    server.close();
    service.close();
  }

  @Test
  void bodiesBeyondTheMemoryBudgetAreThrottledNotBuffered() throws Exception {
    String padded = "{\"maxResults\":5" + " ".repeat(40 * 1024) + "}";
    try (Socket slow = new Socket()) {
      // A client that declares 40 KiB and sends half: its body holds 40 KiB of the 64 KiB budget.
      slow.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSStepFunctions.ListStateMachines"
                  + "\r\nContent-Length: "
                  + padded.length()
                  + "\r\n\r\n"
                  + padded.substring(0, 20 * 1024))
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      HttpResponse<String> refused = send(padded);
      HttpResponse<String> small = send("{\"maxResults\":5}");

      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body())
          .isEqualTo("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
      assertThat(small.statusCode()).isEqualTo(200);

      // Once the slow body is given up, its bytes are free again.
      slow.close();
      Endpoint.await(() -> send(padded).statusCode() == 200 ? true : null);
    }
  }

  @Test
  void madeUpTokenThatLooksIssuedGetsTheSameAnswerAsAMalformedOne() {
    String lookalike = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID();

    assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(lookalike).output("{}")))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageStartingWith("Invalid Token: 'Invalid token'");
    assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken("not-a-token").output("{}")))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageStartingWith("Invalid Token: 'Invalid token'");
    assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(lookalike)))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken(lookalike)))
        .isInstanceOf(InvalidTokenException.class);
  }

  private HttpResponse<String> send(String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
              .timeout(Duration.ofSeconds(10))
              .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
              .header("Content-Type", JsonProtocolHandler.CONTENT_TYPE)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
