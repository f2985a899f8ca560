package dev.redrive.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link DocCommandsTest} reads the commands of a shell block. */
class ShellCommandTest {

  @Test
  void joinsContinuationLinesAndDropsComments() {
    List<ShellCommand> commands =
        ShellCommand.split(
            List.of(
                "# a comment",
                "aws sqs receive-message --queue-url \"$(out DeadLetterQueueUrl)\" \\",
                "  --visibility-timeout 0   # leave them in place",
                "",
                "./redrive demo"),
            10);

    assertThat(commands)
        .containsExactly(
            new ShellCommand(
                11,
                "aws sqs receive-message --queue-url \"$(out DeadLetterQueueUrl)\"    "
                    + "--visibility-timeout 0"),
            new ShellCommand(14, "./redrive demo"));
  }

  @Test
  void keepsNewlinesInsideQuotes() {
    List<ShellCommand> commands =
        ShellCommand.split(List.of("aws logs put-resource-policy --policy-document \"{", "}\""), 1);

    assertThat(commands).hasSize(1);
    assertThat(commands.get(0).text())
        .isEqualTo("aws logs put-resource-policy --policy-document \"{\n}\"");
  }

  @Test
  void refusesACommandThatDoesNotEnd() {
    assertThatThrownBy(() -> ShellCommand.split(List.of("aws sqs \\"), 7))
        .hasMessageContaining("line 7");
  }

  @Test
  void splitsPipesAndSubstitutionsIntoSimpleCommands() {
    ShellCommand command =
        new ShellCommand(
            1,
            "mapping=$(aws lambda list-event-source-mappings --query 'A[0].UUID' --output text)");

    assertThat(command.simpleCommands())
        .containsExactly(
            List.of(
                "aws",
                "lambda",
                "list-event-source-mappings",
                "--query",
                "A[0].UUID",
                "--output",
                "text"),
            List.of("mapping=$(...)"));
  }

  @Test
  void aSubstitutionInTheMiddleLeavesTheRestToItsCommand() {
    ShellCommand command =
        new ShellCommand(
            1,
            "aws logs start-query --start-time $(( $(date +%s) - 86400 )) --end-time $(date +%s)"
                + " --query-string 'fields @timestamp | limit 1'");

    assertThat(command.simpleCommands())
        .containsExactly(
            List.of("date", "+%s"),
            List.of(
                "aws",
                "logs",
                "start-query",
                "--start-time",
                "$(( $(date +%s) - 86400 ))",
                "--end-time",
                "$(...)",
                "--query-string",
                "fields @timestamp | limit 1"));
  }

  @Test
  void readsFunctionDefinitionsAndProcessSubstitutions() {
    assertThat(
            new ShellCommand(
                    1, "out() { aws cloudformation describe-stacks --stack-name redrive; }")
                .simpleCommands())
        .containsExactly(
            List.of("out("),
            List.of("aws", "cloudformation", "describe-stacks", "--stack-name", "redrive"));
    assertThat(
            new ShellCommand(1, "diff <(./redrive replay a | jq -c .) <(cat b)").simpleCommands())
        .containsExactly(
            List.of("./redrive", "replay", "a"),
            List.of("jq", "-c", "."),
            List.of("cat", "b"),
            List.of("diff", "<(...)", "<(...)"));
  }
}
