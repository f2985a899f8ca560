package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Tags on state machines and activities through the AWS SDK, with AWS's limits. */
class TagsApiTest {
  private static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

  private final Endpoint endpoint = new Endpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  @Test
  void keepsTagsGivenOnCreateAndByTagResource() {
    String sm =
        endpoint
            .sfn
            .createStateMachine(
                b ->
                    b.name("tagged")
                        .definition(PASS)
                        .roleArn(Endpoint.ROLE_ARN)
                        .tags(tag("team", "payments"), tag("env", "dev")))
            .stateMachineArn();
    endpoint.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("env", "prod"), tag("cost", "")));
    assertThat(endpoint.sfn.listTagsForResource(b -> b.resourceArn(sm)).tags())
        .containsExactly(tag("team", "payments"), tag("env", "prod"), tag("cost", ""));

    endpoint.sfn.untagResource(b -> b.resourceArn(sm).tagKeys("team", "absent"));
    assertThat(endpoint.sfn.listTagsForResource(b -> b.resourceArn(sm)).tags())
        .containsExactly(tag("env", "prod"), tag("cost", ""));

    String activity =
        endpoint.sfn.createActivity(b -> b.name("worker").tags(tag("owner", "ops"))).activityArn();
    assertThat(endpoint.sfn.listTagsForResource(b -> b.resourceArn(activity)).tags())
        .containsExactly(tag("owner", "ops"));
  }

  @Test
  void refusesTagsBeyondAwsLimits() {
    String sm = endpoint.createStateMachine("limits", PASS);
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(tag("k" + i, "v"));
    }
    endpoint.sfn.tagResource(b -> b.resourceArn(sm).tags(fifty));
    assertThatThrownBy(
            () -> endpoint.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("one-more", "v"))))
        .isInstanceOf(TooManyTagsException.class);
    assertThatThrownBy(
            () -> endpoint.sfn.tagResource(b -> b.resourceArn(sm).tags(tag("k".repeat(129), "v"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'tags.1.member.key'")
        .hasMessageContaining("Member must have length less than or equal to 128");
    assertThatThrownBy(
            () ->
                endpoint.sfn.listTagsForResource(
                    b -> b.resourceArn(sm.replace(":limits", ":absent"))))
        .isInstanceOf(ResourceNotFoundException.class);
    List<Tag> fiftyOne = new ArrayList<>(fifty);
    fiftyOne.add(tag("k50", "v"));
    assertThatThrownBy(
            () ->
                endpoint.sfn.createStateMachine(
                    b ->
                        b.name("too-many")
                            .definition(PASS)
                            .roleArn(Endpoint.ROLE_ARN)
                            .tags(fiftyOne)))
        .isInstanceOf(TooManyTagsException.class);
    assertThat(endpoint.sfn.listStateMachines(b -> {}).stateMachines())
        .as("a refused create creates nothing")
        .noneMatch(s -> s.name().equals("too-many"));
  }
}
