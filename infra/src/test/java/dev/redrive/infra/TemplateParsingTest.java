package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TemplateParsingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsShortFormIntrinsicsAsTheirLongForm() throws Exception {
    JsonNode tree =
        CloudFormationYaml.read(
            String.join(
                "\n",
                "a: !Ref X",
                "b: !GetAtt Queue.Arn",
                "c: !Sub \"${AWS::Region}-x\"",
                "d: !If [Cond, !Join [',', [a, b]], !Ref AWS::NoValue]",
                "e: !Select [0, !Split [':', !Sub ['${V}', {V: !GetAtt [T, Arn]}]]]",
                "f: !And [!Condition C, !Not [!Equals [!Ref P, '']], !Or [!Condition D]]"));

    assertThat(tree)
        .isEqualTo(
            JSON.readTree(
                """
                {"a": {"Ref": "X"},
                 "b": {"Fn::GetAtt": ["Queue", "Arn"]},
                 "c": {"Fn::Sub": "${AWS::Region}-x"},
                 "d": {"Fn::If": ["Cond", {"Fn::Join": [",", ["a", "b"]]}, {"Ref": "AWS::NoValue"}]},
                 "e": {"Fn::Select": [0, {"Fn::Split": [":",
                        {"Fn::Sub": ["${V}", {"V": {"Fn::GetAtt": ["T", "Arn"]}}]}]}]},
                 "f": {"Fn::And": [{"Condition": "C"},
                        {"Fn::Not": [{"Fn::Equals": [{"Ref": "P"}, ""]}]},
                        {"Fn::Or": [{"Condition": "D"}]}]}}
                """));
  }

  @Test
  void rejectsATagThatIsNoIntrinsicFunction() {
    assertThatThrownBy(() -> CloudFormationYaml.read("a: !Reff X")).hasMessageContaining("!Reff");
  }

  @Test
  void templateIsASamTemplateWithItsIntrinsicsKept() {
    JsonNode tree = Template.tree();

    assertThat(tree.path("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
    assertThat(tree.path("Transform").asText()).isEqualTo("AWS::Serverless-2016-10-31");
    assertThat(
            Template.resource("FailureEventsRule")
                .at("/Properties/EventPattern/detail/stateMachineArn"))
        .isEqualTo(JSON.createObjectNode().put("Ref", "StateMachineArns"));
    assertThat(Template.resource("ControllerFunction").at("/Properties/Role/Fn::GetAtt"))
        .hasToString("[\"ControllerRole\",\"Arn\"]");
  }
}
