package dev.redrive.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parameter values the tests deploy the template with, on paper. */
final class Scenarios {
  static final String MY_STATE_MACHINE =
      "arn:aws:states:us-east-1:123456789012:stateMachine:MyStateMachine-gddoyum7f";
  static final String ORDERS_FULFILMENT =
      "arn:aws:states:us-east-1:123456789012:stateMachine:orders-fulfilment";
  static final String EXISTING_TOPIC = "arn:aws:sns:us-east-1:123456789012:ops-notifications";

  private Scenarios() {}

  /** The required parameter only: two watched state machines, every other value its default. */
  static Map<String, String> minimal() {
    return with(Map.of());
  }

  /** {@link #minimal()} with some values changed. */
  static Map<String, String> with(Map<String, String> changes) {
    Map<String, String> values = new HashMap<>();
    values.put("StateMachineArns", MY_STATE_MACHINE + "," + ORDERS_FULFILMENT);
    values.putAll(changes);
    return values;
  }

  static TemplateEvaluator evaluate(Map<String, String> values) {
    return new TemplateEvaluator(Template.tree(), values);
  }

  /**
   * Every combination of the values that decide the template's conditions: the give-up bus
   * (created, the default bus, an existing one), the notification email and topic, the alarm email.
   */
  static List<Map<String, String>> everyCondition() {
    List<Map<String, String>> all = new ArrayList<>();
    for (String bus : List.of("", "default", "ops-bus")) {
      for (String email : List.of("", "oncall@example.com")) {
        for (String topic : List.of("", EXISTING_TOPIC)) {
          for (String alarmEmail : List.of("", "alarms@example.com")) {
            all.add(
                with(
                    Map.of(
                        "GiveUpEventBusName", bus,
                        "NotificationEmail", email,
                        "NotificationTopicArn", topic,
                        "AlarmEmail", alarmEmail)));
          }
        }
      }
    }
    return all;
  }
}
