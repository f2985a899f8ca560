package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.functions.notify.GiveUpNotifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * What {@code docs/deploy.md} names exists: the parameters and outputs its commands use, the
 * parameter table, the give-up pattern, the tests. Its commands themselves are run, or checked
 * offline when they need an AWS account, by the cli module's {@code DocCommandsTest}, with those of
 * every other doc.
 */
class DeployDocTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DOC = ROOT.resolve("docs/deploy.md");
  static final String AWS_MARK = "# needs an AWS account";

  private static final Pattern SHELL_BLOCK =
      Pattern.compile("^```sh\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);

  private static String doc() throws IOException {
    return Files.readString(DOC, StandardCharsets.UTF_8);
  }

  private static List<String> shellBlocks() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = SHELL_BLOCK.matcher(doc());
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }

  /** The block's commands, continuation lines joined, comments and blank lines dropped. */
  private static List<String> commands(String block) {
    List<String> commands = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : block.split("\n")) {
      String trimmed = line.strip();
      if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
      } else {
        commands.add(current.append(trimmed).toString());
        current.setLength(0);
      }
    }
    return commands;
  }

  @Test
  void buildsTheFunctionAsTheFunctionsModuleExpects() throws IOException {
    assertThat(doc())
        .contains("./mvnw -B -pl functions -am package -Dredrive.policy.file=\"$PWD/")
        .contains("--template-file infra/template.yaml");
  }

  @Test
  void parametersAndOutputsNamedExistInTheTemplate() throws IOException {
    JsonNode template = Template.tree();
    Set<String> parameters = new TreeSet<>();
    Set<String> outputs = new TreeSet<>();
    Pattern override = Pattern.compile("(?<=\\s)([A-Z][A-Za-z]+)=");
    Pattern output = Pattern.compile("\\bout ([A-Za-z]+)");
    for (String block : shellBlocks()) {
      for (String command : commands(block)) {
        Matcher m = override.matcher(command);
        while (m.find()) {
          parameters.add(m.group(1));
        }
        m = output.matcher(command);
        while (m.find()) {
          outputs.add(m.group(1));
        }
      }
    }
    Pattern tableRow = Pattern.compile("^\\| `([A-Za-z]+)` \\| [^|]+ \\| ", Pattern.MULTILINE);
    Set<String> documented = new TreeSet<>();
    String parameterTable =
        doc().substring(doc().indexOf("### Parameters"), doc().indexOf("### Why one list"));
    Matcher row = tableRow.matcher(parameterTable);
    while (row.find()) {
      documented.add(row.group(1));
    }

    assertThat(parameters).contains("StateMachineArns");
    Set<String> declared = new TreeSet<>();
    template.path("Parameters").fieldNames().forEachRemaining(declared::add);
    Set<String> declaredOutputs = new TreeSet<>();
    template.path("Outputs").fieldNames().forEachRemaining(declaredOutputs::add);
    assertThat(declared).containsAll(parameters);
    assertThat(declaredOutputs).containsAll(outputs);
    assertThat(documented).as("the parameter table lists every parameter").isEqualTo(declared);
  }

  @Test
  void giveUpPatternShownSelectsTheControllersGiveUpEvents() throws Exception {
    String section = doc().substring(doc().indexOf("### Receiving give-ups"));
    Matcher json = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertThat(json.find()).as("a JSON pattern in 'Receiving give-ups'").isTrue();
    Machine machine = new Machine();
    machine.addRule("give-ups", json.group(1));
    String source = Template.tree().at("/Parameters/GiveUpEventSource/Default").asText();

    assertThat(machine.rulesForJSONEvent(giveUpEvent(source, GiveUpNotifier.DETAIL_TYPE)))
        .containsExactly("give-ups");
    assertThat(
            machine.rulesForJSONEvent(
                giveUpEvent(source, "Step Functions Execution Status Change")))
        .isEmpty();
  }

  private static String giveUpEvent(String source, String detailType) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("version", "0").put("source", source).put("detail-type", detailType);
    event
        .putObject("detail")
        .put("executionArn", "arn:aws:states:us-east-1:123456789012:execution:orders-checkout:r1")
        .put("status", "FAILED")
        .put("redriveCount", 3)
        .put("reason", "limit reached");
    return event.toString();
  }

  @Test
  void theTestTableNamesEveryTestOfTheModule() throws IOException {
    Set<String> named = new TreeSet<>();
    Matcher matcher =
        Pattern.compile("^\\| `([A-Za-z]+Test)` \\|", Pattern.MULTILINE).matcher(doc());
    while (matcher.find()) {
      named.add(matcher.group(1));
    }
    Set<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/test/java/dev/redrive/infra"))) {
      files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith("Test.java"))
          .forEach(name -> present.add(name.substring(0, name.length() - ".java".length())));
    }
    assertThat(named).isEqualTo(present);
  }
}
