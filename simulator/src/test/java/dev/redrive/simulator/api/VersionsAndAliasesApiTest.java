package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.service.StepFunctionsService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Versions and aliases through the AWS SDK: publishing, routing, and what executions report. */
class VersionsAndAliasesApiTest {
  private static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":%d,\"End\":true}}}";

  private final List<Served> served = new ArrayList<>();

  private record Served(EventBus bus, StepFunctionsService service, SimulatorServer server)
      implements AutoCloseable {
    @Override
    public void close() {
      server.close();
      service.close();
      bus.close();
    }
  }

  private SfnClient serve(long seed, List<JsonNode> events) {
    EventBus bus = new EventBus();
    bus.subscribe("{\"source\":[\"aws.states\"]}", events::add);
    StepFunctionsService service =
        StepFunctionsService.builder().events(bus).routingSeed(seed).build();
    SimulatorServer server = new SimulatorServer(service, 4).start("127.0.0.1", 0);
    served.add(new Served(bus, service, server));
    return Endpoint.client(server.port());
  }

  @AfterEach
  void stop() {
    served.forEach(Served::close);
  }

  private static String create(SfnClient sfn, String name) {
    return sfn.createStateMachine(
            b ->
                b.name(name)
                    .definition(PASS.formatted(1))
                    .roleArn(Endpoint.ROLE_ARN)
                    .publish(true)
                    .versionDescription("first"))
        .stateMachineVersionArn();
  }

  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn) {
    return Endpoint.await(
        () -> {
          DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(executionArn));
          return d.status() == ExecutionStatus.RUNNING ? null : d;
        });
  }

  @Test
  void publishesVersionsThatKeepTheirDefinition() {
    SfnClient sfn = serve(1, new CopyOnWriteArrayList<>());
    String v1 = create(sfn, "orders");
    String sm = v1.substring(0, v1.lastIndexOf(':'));
    assertThat(v1).endsWith(":orders:1");

    String v2 =
        sfn.updateStateMachine(
                b -> b.stateMachineArn(sm).definition(PASS.formatted(2)).publish(true))
            .stateMachineVersionArn();
    assertThat(v2).isEqualTo(sm + ":2");
    assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(sm)).stateMachineVersionArn())
        .as("nothing changed since version 2")
        .isEqualTo(v2);
    assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(sm)).stateMachineVersions())
        .extracting(v -> v.stateMachineVersionArn())
        .containsExactly(v2, v1);
    var described = sfn.describeStateMachine(b -> b.stateMachineArn(v1));
    assertThat(described.stateMachineArn()).isEqualTo(v1);
    assertThat(described.definition()).isEqualTo(PASS.formatted(1));
    assertThat(described.description()).isEqualTo("first");

    String byVersion = sfn.startExecution(b -> b.stateMachineArn(v1).input("{}")).executionArn();
    DescribeExecutionResponse d = awaitEnd(sfn, byVersion);
    assertThat(d.output()).isEqualTo("1");
    assertThat(d.stateMachineArn()).isEqualTo(sm);
    assertThat(d.stateMachineVersionArn()).isEqualTo(v1);
    assertThat(d.stateMachineAliasArn()).isNull();
    String latest = sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    assertThat(awaitEnd(sfn, latest).output()).isEqualTo("2");
    assertThat(awaitEnd(sfn, latest).stateMachineVersionArn()).isNull();
    assertThat(
            sfn.listExecutions(b -> b.stateMachineArn(v1)).executions().stream()
                .map(ExecutionListItem::executionArn))
        .containsExactly(byVersion);
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(sm)).executions()).hasSize(2);

    sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(v1));
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(v1)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void routesAliasExecutionsByWeightTheSameWayUnderTheSameSeed() {
    List<List<String>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      List<JsonNode> events = new CopyOnWriteArrayList<>();
      SfnClient sfn = serve(42, events);
      String v1 = create(sfn, "payments");
      String sm = v1.substring(0, v1.lastIndexOf(':'));
      String v2 =
          sfn.updateStateMachine(
                  b -> b.stateMachineArn(sm).definition(PASS.formatted(2)).publish(true))
              .stateMachineVersionArn();
      String alias =
          sfn.createStateMachineAlias(
                  b ->
                      b.name("live")
                          .routingConfiguration(
                              RoutingConfigurationListItem.builder()
                                  .stateMachineVersionArn(v1)
                                  .weight(50)
                                  .build(),
                              RoutingConfigurationListItem.builder()
                                  .stateMachineVersionArn(v2)
                                  .weight(50)
                                  .build()))
              .stateMachineAliasArn();
      assertThat(alias).isEqualTo(sm + ":live");
      List<String> versions = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String arn = sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
        DescribeExecutionResponse d = awaitEnd(sfn, arn);
        assertThat(d.stateMachineAliasArn()).isEqualTo(alias);
        assertThat(d.output()).isEqualTo(d.stateMachineVersionArn().equals(v1) ? "1" : "2");
        versions.add(d.stateMachineVersionArn());
      }
      assertThat(versions).as("a 50/50 split over 20 starts").contains(v1, v2);
      runs.add(versions);
      Endpoint.await(() -> events.size() >= 40 ? true : null);
      assertThat(events)
          .allSatisfy(
              e -> {
                assertThat(e.at("/detail/stateMachineAliasArn").asText()).isEqualTo(alias);
                assertThat(e.at("/detail/stateMachineVersionArn").asText()).isIn(v1, v2);
              });
      assertThatThrownBy(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(v1)))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining(alias);
      assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(sm)).stateMachineAliases())
          .extracting(a -> a.stateMachineAliasArn())
          .containsExactly(alias);
      sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
      assertThatThrownBy(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)))
          .isInstanceOf(ResourceNotFoundException.class);
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
  }

  @Test
  void refusesRoutingThatDoesNotAddUpTo100() {
    SfnClient sfn = serve(1, new CopyOnWriteArrayList<>());
    String v1 = create(sfn, "refunds");
    assertThatThrownBy(
            () ->
                sfn.createStateMachineAlias(
                    b ->
                        b.name("half")
                            .routingConfiguration(
                                RoutingConfigurationListItem.builder()
                                    .stateMachineVersionArn(v1)
                                    .weight(50)
                                    .build())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("100");
  }
}
