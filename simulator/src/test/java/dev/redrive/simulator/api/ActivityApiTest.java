package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.CreateActivityResponse;
import software.amazon.awssdk.services.sfn.model.DescribeActivityResponse;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;

class ActivityApiTest {
  private final Endpoint endpoint = new Endpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void createsDescribesListsAndDeletesActivities() {
    CreateActivityResponse created = endpoint.sfn.createActivity(b -> b.name("worker"));
    CreateActivityResponse again = endpoint.sfn.createActivity(b -> b.name("worker"));
    endpoint.sfn.createActivity(b -> b.name("other"));

    DescribeActivityResponse d =
        endpoint.sfn.describeActivity(b -> b.activityArn(created.activityArn()));
    List<ActivityListItem> listed = endpoint.sfn.listActivities(b -> b.maxResults(10)).activities();

    assertThat(created.activityArn())
        .isEqualTo("arn:aws:states:us-east-1:111111111111:activity:worker");
    assertThat(again.activityArn()).isEqualTo(created.activityArn());
    assertThat(d.name()).isEqualTo("worker");
    assertThat(d.creationDate()).isEqualTo(created.creationDate());
    assertThat(listed).extracting(ActivityListItem::name).containsExactly("worker", "other");

    endpoint.sfn.deleteActivity(b -> b.activityArn(created.activityArn()));

    assertThatThrownBy(
            () -> endpoint.sfn.describeActivity(b -> b.activityArn(created.activityArn())))
        .isInstanceOf(ActivityDoesNotExistException.class)
        .hasMessageStartingWith("Activity Does Not Exist: '" + created.activityArn() + "'");
    assertThatThrownBy(
            () -> endpoint.sfn.getActivityTask(b -> b.activityArn(created.activityArn())))
        .isInstanceOf(ActivityDoesNotExistException.class);
  }

  @Test
  void refusesInvalidActivityName() {
    assertThatThrownBy(() -> endpoint.sfn.createActivity(b -> b.name("a/b")))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageStartingWith("Invalid Name: 'a/b'");
  }

  @Test
  void getActivityTaskAnswersEmptyWhenNoTaskWaits() {
    String arn = endpoint.sfn.createActivity(b -> b.name("idle")).activityArn();

    var task = endpoint.sfn.getActivityTask(b -> b.activityArn(arn).workerName("w"));

    assertThat(task.taskToken()).isNull();
    assertThat(task.input()).isNull();
  }

  @Test
  void workerTakesActivityTaskAndAnswersWithItsToken() {
    String activity = endpoint.sfn.createActivity(b -> b.name("approve")).activityArn();
    String sm =
        endpoint.createStateMachine(
            "needs-approval",
            "{\"StartAt\":\"Approve\",\"States\":{\"Approve\":{\"Type\":\"Task\","
                + "\"Resource\":\""
                + activity
                + "\",\"End\":true}}}");
    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm).input("{\"order\":42}"))
            .executionArn();

    var task =
        Endpoint.await(
            () -> {
              var t = endpoint.sfn.getActivityTask(b -> b.activityArn(activity).workerName("w1"));
              return t.taskToken() == null ? null : t;
            });
    endpoint.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"approved\":true}"));
    var done = endpoint.awaitEnd(arn);

    assertThat(task.input()).isEqualTo("{\"order\":42}");
    assertThat(done.statusAsString()).isEqualTo("SUCCEEDED");
    assertThat(done.output()).isEqualTo("{\"approved\":true}");
  }
}
