package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidationException;

class StateMachineApiTest {
  static final String PASS =
      "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Result\":{\"x\":1},\"End\":true}}}";
  static final String PASS_2 =
      "{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Pass\",\"End\":true}}}";

  private final Endpoint endpoint = new Endpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void createsAndDescribesStateMachine() {
    CreateStateMachineResponse created =
        endpoint.sfn.createStateMachine(
            b -> b.name("orders").definition(PASS).roleArn(Endpoint.ROLE_ARN));

    assertThat(created.stateMachineArn())
        .isEqualTo("arn:aws:states:us-east-1:111111111111:stateMachine:orders");
    assertThat(created.creationDate()).isNotNull();
    DescribeStateMachineResponse d =
        endpoint.sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
    assertThat(d.name()).isEqualTo("orders");
    assertThat(d.definition()).isEqualTo(PASS);
    assertThat(d.roleArn()).isEqualTo(Endpoint.ROLE_ARN);
    assertThat(d.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(d.statusAsString()).isEqualTo("ACTIVE");
    assertThat(d.creationDate()).isEqualTo(created.creationDate());
    assertThat(d.loggingConfiguration().level()).isEqualTo(LogLevel.OFF);
    assertThat(d.tracingConfiguration().enabled()).isFalse();
  }

  @Test
  void createIsIdempotentForTheSameDefinitionOnly() {
    String arn = endpoint.createStateMachine("same", PASS);

    assertThat(endpoint.createStateMachine("same", PASS)).isEqualTo(arn);
    assertThatThrownBy(() -> endpoint.createStateMachine("same", PASS_2))
        .isInstanceOf(StateMachineAlreadyExistsException.class)
        .hasMessageStartingWith("State Machine Already Exists: '" + arn + "'");
  }

  @Test
  void refusesInvalidDefinitionWithAwsMessage() {
    assertThatThrownBy(
            () -> endpoint.createStateMachine("bad", "{\"Comment\": \"x\", \"StartAt\": \"A\"}"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith(
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are"
                + " required: [States] at /'");
  }

  @Test
  void refusesInvalidNameAndMissingRole() {
    assertThatThrownBy(() -> endpoint.createStateMachine("a b", PASS))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageStartingWith("Invalid Name: 'a b'");
    assertThatThrownBy(
            () -> endpoint.sfn.createStateMachine(b -> b.name("norole").definition(PASS)))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint:"
                + " Member must not be null");
  }

  @Test
  void describeOfUnknownOrMalformedArnFails() {
    String unknown = "arn:aws:states:us-east-1:111111111111:stateMachine:nope";
    assertThatThrownBy(() -> endpoint.sfn.describeStateMachine(b -> b.stateMachineArn(unknown)))
        .isInstanceOf(StateMachineDoesNotExistException.class)
        .hasMessageStartingWith("State Machine Does Not Exist: '" + unknown + "'");
    assertThatThrownBy(() -> endpoint.sfn.describeStateMachine(b -> b.stateMachineArn("nope")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: nope'");
  }

  @Test
  void listsStateMachinesPageByPage() {
    for (int i = 0; i < 5; i++) {
      endpoint.createStateMachine("sm-" + i, PASS);
    }
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListStateMachinesResponse page =
          endpoint.sfn.listStateMachines(b -> b.maxResults(2).nextToken(t));
      page.stateMachines().stream().map(StateMachineListItem::name).forEach(names::add);
      token = page.nextToken();
      pages++;
    } while (token != null);

    assertThat(names).containsExactly("sm-0", "sm-1", "sm-2", "sm-3", "sm-4");
    assertThat(pages).isEqualTo(3);
    assertThatThrownBy(() -> endpoint.sfn.listStateMachines(b -> b.maxResults(1001)))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy"
                + " constraint: Member must have value less than or equal to 1000");
  }

  @Test
  void updatesAndDeletesStateMachine() {
    String arn = endpoint.createStateMachine("upd", PASS);

    var updated = endpoint.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS_2));

    assertThat(updated.updateDate()).isNotNull();
    assertThat(updated.revisionId()).isNotBlank();
    assertThat(endpoint.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition())
        .isEqualTo(PASS_2);
    assertThatThrownBy(() -> endpoint.sfn.updateStateMachine(b -> b.stateMachineArn(arn)))
        .hasMessageStartingWith(
            "Either the definition, the role ARN, the LoggingConfiguration, or the"
                + " TracingConfiguration must be specified");

    endpoint.sfn.deleteStateMachine(b -> b.stateMachineArn(arn));

    assertThatThrownBy(() -> endpoint.sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void validatesDefinitions() {
    ValidateStateMachineDefinitionResponse ok =
        endpoint.sfn.validateStateMachineDefinition(b -> b.definition(PASS));
    ValidateStateMachineDefinitionResponse fail =
        endpoint.sfn.validateStateMachineDefinition(
            b -> b.definition("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\"}}}"));

    assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    assertThat(ok.diagnostics()).isEmpty();
    assertThat(fail.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
    assertThat(fail.diagnostics()).isNotEmpty();
    assertThat(fail.diagnostics().get(0).code()).isNotBlank();
  }
}
