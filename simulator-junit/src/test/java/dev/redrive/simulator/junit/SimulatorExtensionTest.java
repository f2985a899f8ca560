package dev.redrive.simulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.simulator.mock.MockConfig;
import dev.redrive.simulator.runtime.VirtualClock;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

class SimulatorExtensionTest {
  static final String ROLE = "arn:aws:iam::111111111111:role/sfn";
  static final String WAIT_AN_HOUR =
      """
      {"StartAt": "Nap", "States": {
        "Nap": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
        "Done": {"Type": "Pass", "Result": {"woke": true}, "End": true}}}
      """;
  static final String CHARGE =
      """
      {"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "charge"}, "End": true}}}
      """;

  static StartSyncExecutionResponse runExpress(
      SfnClient sfn, String name, String def, String suffix) {
    String arn =
        sfn.createStateMachine(
                b -> b.name(name).definition(def).roleArn(ROLE).type(StateMachineType.EXPRESS))
            .stateMachineArn();
    return sfn.startSyncExecution(b -> b.stateMachineArn(arn + suffix).input("{}"));
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  // ---- fixtures: run by the tests below through the JUnit Platform, not by the build ----

  @RedriveSimulator(clockStart = "2030-06-01T00:00:00Z")
  static class ClientAndClock {
    @Test
    void runsAWaitOnTheVirtualClock(SfnClient sfn, VirtualClock clock) {
      StartSyncExecutionResponse r = runExpress(sfn, "nap", WAIT_AN_HOUR, "");
      saw(r.status(), r.output(), clock.now());
    }
  }

  @RedriveSimulator
  static class PerTest {
    @Test
    void first(StepFunctionsService service, SimulatorEndpoint endpoint) {
      saw(service, endpoint.port());
    }

    @Test
    void second(StepFunctionsService service, SimulatorEndpoint endpoint) {
      saw(service, endpoint.port());
    }
  }

  @RedriveSimulator(perClass = true)
  static class PerClass {
    @org.junit.jupiter.api.BeforeAll
    static void createOnce(SfnClient sfn) {
      sfn.createActivity(b -> b.name("shared"));
    }

    @Test
    void first(StepFunctionsService service, SfnClient sfn) {
      saw(service, sfn.listActivities(b -> {}).activities().size());
    }

    @Test
    void second(StepFunctionsService service, SfnClient sfn) {
      saw(service, sfn.listActivities(b -> {}).activities().size());
    }
  }

  @RedriveSimulator(mockConfig = "mocks/charge.json")
  static class MockFromResource {
    @Test
    void runsTheTestCase(SfnClient sfn, MockConfig mocks) {
      StartSyncExecutionResponse r = runExpress(sfn, "charge", CHARGE, "#Declined");
      saw(r.status(), r.error(), r.cause(), mocks.testCases("charge"));
    }
  }

  @RedriveSimulator
  static class MockFromMethod {
    @SimulatorMockConfig
    static String mocks() {
      return """
          {"StateMachines": {"charge": {"TestCases": {"Ok": {"Charge": "Paid"}}}},
           "MockedResponses": {"Paid": {"0": {"Return": {"Payload": {"paid": 42}}}}}}
          """;
    }

    @Test
    void runsTheTestCase(SfnClient sfn) {
      StartSyncExecutionResponse r = runExpress(sfn, "charge", CHARGE, "#Ok");
      saw(r.status(), r.output());
    }
  }

  @RedriveSimulator(mockConfig = "mocks/charge.json")
  static class TwoMockSources {
    @SimulatorMockConfig
    static MockConfig mocks() {
      return MockConfig.empty();
    }

    @Test
    void neverRuns() {}
  }

  @RedriveSimulator(mockConfig = "mocks/absent.json")
  static class MissingMock {
    @Test
    void neverRuns() {}
  }

  @RedriveSimulator
  static class ClassLevelParameterPerTest {
    @org.junit.jupiter.api.BeforeAll
    static void tooEarly(SfnClient sfn) {}

    @Test
    void neverRuns() {}
  }

  @RedriveSimulator(virtualClock = false)
  static class SystemClock {
    @Test
    void asksForTheVirtualClock(VirtualClock clock) {}
  }

  @RedriveSimulator(region = "mars-1")
  static class BadRegion {
    @Test
    void neverRuns() {}
  }

  static void saw(Object... values) {
    Fixtures.SEEN.add(java.util.List.of(values));
  }

  // ---- the tests ----

  @Test
  void givesAClientOfAServedSimulatorWhoseWaitsPassOnTheVirtualClock() {
    TestExecutionSummary summary = Fixtures.run(ClientAndClock.class);

    assertThat(summary.getTotalFailureCount()).as(Fixtures.firstFailure(summary)).isZero();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    java.util.List<?> seen = (java.util.List<?>) Fixtures.SEEN.get(0);
    assertThat(seen.get(0)).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(seen.get(1)).isEqualTo("{\"woke\":true}");
    assertThat((Instant) seen.get(2))
        .isAfterOrEqualTo(Instant.parse("2030-06-01T00:00:00Z").plus(Duration.ofHours(1)));
  }

  @Test
  void givesEachTestItsOwnSimulatorAndClosesItsEndpointAfter() {
    TestExecutionSummary summary = Fixtures.run(PerTest.class);

    assertThat(summary.getTestsSucceededCount()).as(Fixtures.firstFailure(summary)).isEqualTo(2);
    java.util.List<?> a = (java.util.List<?>) Fixtures.SEEN.get(0);
    java.util.List<?> b = (java.util.List<?>) Fixtures.SEEN.get(1);
    assertThat(a.get(0)).isNotSameAs(b.get(0));
    assertThat(listening((Integer) a.get(1))).as("first test's port still open").isFalse();
    assertThat(listening((Integer) b.get(1))).as("second test's port still open").isFalse();
  }

  @Test
  void sharesOneSimulatorAcrossTheClassWhenPerClass() {
    TestExecutionSummary summary = Fixtures.run(PerClass.class);

    assertThat(summary.getTestsSucceededCount()).as(Fixtures.firstFailure(summary)).isEqualTo(2);
    java.util.List<?> a = (java.util.List<?>) Fixtures.SEEN.get(0);
    java.util.List<?> b = (java.util.List<?>) Fixtures.SEEN.get(1);
    assertThat(a.get(0)).isSameAs(b.get(0));
    assertThat(a.get(1)).as("activities created in @BeforeAll").isEqualTo(1);
    assertThat(b.get(1)).as("activities created in @BeforeAll").isEqualTo(1);
  }

  @Test
  void saysThatClassLevelParametersNeedPerClass() {
    TestExecutionSummary summary = Fixtures.run(ClassLevelParameterPerTest.class);

    assertThat(Fixtures.firstFailure(summary))
        .contains("expected @RedriveSimulator(perClass = true)")
        .contains("SfnClient");
  }

  @Test
  void loadsTheMockConfigurationNamedInTheAnnotation() {
    TestExecutionSummary summary = Fixtures.run(MockFromResource.class);

    assertThat(summary.getTestsSucceededCount()).as(Fixtures.firstFailure(summary)).isEqualTo(1);
    java.util.List<?> seen = (java.util.List<?>) Fixtures.SEEN.get(0);
    assertThat(seen.get(0)).isEqualTo(SyncExecutionStatus.FAILED);
    assertThat(seen.get(1)).isEqualTo("Card.Declined");
    assertThat(seen.get(2)).isEqualTo("insufficient funds");
    assertThat(seen.get(3)).isEqualTo(java.util.Set.of("Declined"));
  }

  @Test
  void loadsTheMockConfigurationAMethodReturns() {
    TestExecutionSummary summary = Fixtures.run(MockFromMethod.class);

    assertThat(summary.getTestsSucceededCount()).as(Fixtures.firstFailure(summary)).isEqualTo(1);
    java.util.List<?> seen = (java.util.List<?>) Fixtures.SEEN.get(0);
    assertThat(seen.get(0)).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat((String) seen.get(1)).contains("\"paid\":42");
  }

  @Test
  void rejectsTwoSourcesOfMockConfiguration() {
    TestExecutionSummary summary = Fixtures.run(TwoMockSources.class);

    assertThat(summary.getTotalFailureCount()).isEqualTo(1);
    assertThat(Fixtures.firstFailure(summary))
        .contains("expected one source of mock configuration")
        .contains("mocks/charge.json")
        .contains("1 @SimulatorMockConfig method");
  }

  @Test
  void saysWhichMockConfigurationItCannotFind() {
    TestExecutionSummary summary = Fixtures.run(MissingMock.class);

    assertThat(Fixtures.firstFailure(summary))
        .contains("expected a classpath resource or a file")
        .contains("mocks/absent.json");
  }

  @Test
  void refusesAVirtualClockParameterWhenTheSystemClockIsChosen() {
    TestExecutionSummary summary = Fixtures.run(SystemClock.class);

    assertThat(Fixtures.firstFailure(summary))
        .contains("no VirtualClock")
        .contains("virtualClock = true");
  }

  @Test
  void namesTheAnnotationWhenARegionIsInvalid() {
    TestExecutionSummary summary = Fixtures.run(BadRegion.class);

    assertThat(Fixtures.firstFailure(summary)).contains("@RedriveSimulator").contains("mars-1");
  }
}
