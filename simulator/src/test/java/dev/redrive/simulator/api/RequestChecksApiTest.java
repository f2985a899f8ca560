package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.IncludedData;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** The request and definition checks AWS makes, through the AWS SDK. */
class RequestChecksApiTest {
  private static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

  private final Endpoint endpoint = new Endpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private void refusedDefinition(String definition, String type, String message) {
    assertThatThrownBy(
            () ->
                endpoint.sfn.createStateMachine(
                    b ->
                        b.name("refused")
                            .definition(definition)
                            .roleArn(Endpoint.ROLE_ARN)
                            .type(type)))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining(message);
  }

  private static String task(String resource, String extra) {
    return "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\""
        + resource
        + "\""
        + extra
        + ",\"End\":true},\"F\":{\"Type\":\"Fail\"}}}";
  }

  @Test
  void refusesStatesAllThatIsNotAloneOrNotLast() {
    String lambda = "arn:aws:states:::lambda:invoke";
    refusedDefinition(
        task(lambda, ",\"Retry\":[{\"ErrorEquals\":[\"States.ALL\",\"States.Timeout\"]}]"),
        "STANDARD",
        "States.ALL must appear alone in the field 'ErrorEquals' at /States/T/Retry[0]/ErrorEquals");
    refusedDefinition(
        task(
            lambda,
            ",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"F\"},"
                + "{\"ErrorEquals\":[\"X\"],\"Next\":\"F\"}]"),
        "STANDARD",
        "A Catcher with States.ALL must be the last one in 'Catch' at /States/T/Catch[0]");
  }

  @Test
  void refusesBadCredentialsAndActivitiesInExpressMachines() {
    String lambda = "arn:aws:states:::lambda:invoke";
    refusedDefinition(
        task(lambda, ",\"Credentials\":{\"Role\":\"x\"}"),
        "STANDARD",
        "These fields are required: [RoleArn] at /States/T/Credentials");
    refusedDefinition(
        task("arn:aws:states:us-east-1:111111111111:activity:work", ""),
        "EXPRESS",
        "Express state machine does not support activities at /States/T/Resource");
    endpoint.sfn.createStateMachine(
        b ->
            b.name("with-credentials")
                .definition(
                    task(lambda, ",\"Credentials\":{\"RoleArn\":\"arn:aws:iam::1:role/r\"}")
                        .replace(",\"F\":{\"Type\":\"Fail\"}", ""))
                .roleArn(Endpoint.ROLE_ARN));
  }

  @Test
  void refusesRoleArnsDefinitionsAndNamesAwsRefuses() {
    assertThatThrownBy(
            () ->
                endpoint.sfn.createStateMachine(
                    b -> b.name("bad-role").definition(PASS).roleArn("not-an-arn")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageContaining("Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
    String huge =
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Comment\":\""
            + "x".repeat(1_048_576)
            + "\",\"End\":true}}}";
    assertThatThrownBy(
            () ->
                endpoint.sfn.createStateMachine(
                    b -> b.name("huge").definition(huge).roleArn(Endpoint.ROLE_ARN)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "Value at 'definition' failed to satisfy constraint: Member must have length less"
                + " than or equal to 1048576");
    assertThatThrownBy(
            () ->
                endpoint.sfn.createStateMachine(
                    b -> b.name("rocket-\uD83D\uDE80").definition(PASS).roleArn(Endpoint.ROLE_ARN)))
        .isInstanceOf(InvalidNameException.class);
  }

  @Test
  void countsInputInUtf8BytesAndLeavesPayloadsOutOfMetadata() {
    String sm = endpoint.createStateMachine("payloads", PASS);
    String euros = "\"" + "\u20ac".repeat(100_000) + "\"";
    assertThatThrownBy(() -> endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).input(euros)))
        .as("100,000 euro signs are 300,000 bytes")
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Member must have length less than or equal to 262144")
        .hasMessageNotContaining("\u20ac");
    String arn =
        endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"a\":1}")).executionArn();
    endpoint.awaitEnd(arn);
    DescribeExecutionResponse metadata =
        endpoint.sfn.describeExecution(
            b -> b.executionArn(arn).includedData(IncludedData.METADATA_ONLY));
    assertThat(metadata.input()).isNull();
    assertThat(metadata.output()).isNull();
    assertThat(metadata.statusAsString()).isEqualTo("SUCCEEDED");
    assertThat(endpoint.sfn.describeExecution(b -> b.executionArn(arn)).input())
        .isEqualTo("{\"a\":1}");
  }

  @Test
  void refusesANextTokenFromAnotherListing() {
    String a = endpoint.createStateMachine("a", PASS);
    String b = endpoint.createStateMachine("b", PASS);
    for (int i = 0; i < 3; i++) {
      endpoint.awaitEnd(endpoint.sfn.startExecution(x -> x.stateMachineArn(a)).executionArn());
      endpoint.awaitEnd(endpoint.sfn.startExecution(x -> x.stateMachineArn(b)).executionArn());
    }
    String token = endpoint.sfn.listExecutions(x -> x.stateMachineArn(a).maxResults(1)).nextToken();
    assertThat(endpoint.sfn.listExecutions(x -> x.stateMachineArn(a).nextToken(token)).executions())
        .hasSize(2);
    assertThatThrownBy(
            () -> endpoint.sfn.listExecutions(x -> x.stateMachineArn(b).nextToken(token)))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> endpoint.sfn.listStateMachines(x -> x.nextToken(token)))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void refusesAMockWithBothAResultAndAnErrorOutput() {
    assertThatThrownBy(
            () ->
                endpoint.sfn.testState(
                    b ->
                        b.definition(
                                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                                    + "\"End\":true}")
                            .mock(m -> m.result("{}").errorOutput(e -> e.error("E").cause("C")))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("either a result or an errorOutput, not both");
  }

  @Test
  void refusesABodyThatIsNotOneJsonObject() {
    RawClient raw = new RawClient(endpoint.server.port());
    RawClient.Response two = raw.call("ListStateMachines", "{} {}");
    assertThat(two.status()).isEqualTo(400);
    assertThat(two.errorType()).isEqualTo("SerializationException");
    assertThat(raw.call("ListStateMachines", "[]").errorType()).isEqualTo("SerializationException");
  }
}
