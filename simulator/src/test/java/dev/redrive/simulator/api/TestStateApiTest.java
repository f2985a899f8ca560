package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

class TestStateApiTest {
  private final Endpoint endpoint = new Endpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void runsAPassStateAndReportsItsNextState() {
    TestStateResponse r =
        endpoint.sfn.testState(
            b ->
                b.definition(
                        "{\"Type\":\"Pass\",\"Result\":{\"x\":1},\"ResultPath\":\"$.r\","
                            + "\"Next\":\"After\"}")
                    .input("{\"a\":1}"));

    assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(r.output()).isEqualTo("{\"a\":1,\"r\":{\"x\":1}}");
    assertThat(r.nextState()).isEqualTo("After");
  }

  @Test
  void mockedErrorIsCaught() {
    TestStateResponse r =
        endpoint.sfn.testState(
            b ->
                b.definition(
                        "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                            + "\"Parameters\":{\"FunctionName\":\"f\"},\"Catch\":[{\"ErrorEquals\":"
                            + "[\"Boom\"],\"ResultPath\":\"$.err\",\"Next\":\"Handle\"}],\"End\":true}")
                    .input("{}")
                    .mock(m -> m.errorOutput(e -> e.error("Boom").cause("bad"))));

    assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
    assertThat(r.error()).isEqualTo("Boom");
    assertThat(r.cause()).isEqualTo("bad");
    assertThat(r.nextState()).isEqualTo("Handle");
    assertThat(r.output()).isEqualTo("{\"err\":{\"Error\":\"Boom\",\"Cause\":\"bad\"}}");
  }
}
