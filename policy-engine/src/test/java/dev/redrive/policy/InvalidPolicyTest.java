package dev.redrive.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in {@code src/test/resources/invalid/} must be rejected with exactly the problems its
 * {@code # expect: line:column: field: message} comments list, in that order, each naming the file.
 */
class InvalidPolicyTest {
  private static final String EXPECT = "# expect: ";

  @TestFactory
  Stream<DynamicTest> rejectsEveryInvalidPolicyWithEveryProblem() {
    return Fixtures.files("invalid", ".yaml").stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  private static void check(Path file) {
    List<String> expected =
        Fixtures.text("invalid/" + file.getFileName())
            .lines()
            .filter(line -> line.startsWith(EXPECT))
            .map(line -> line.substring(EXPECT.length()))
            .toList();
    assertThat(expected).as("# expect: lines in %s", file).isNotEmpty();

    PolicyException thrown =
        catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(file));

    assertThat(thrown).as("loading %s", file).isNotNull();
    assertThat(thrown.problems())
        .allSatisfy(p -> assertThat(p.source()).isEqualTo(file.toString()));
    assertThat(thrown.problems())
        .extracting(p -> p.format().substring(file.toString().length() + 1))
        .containsExactlyElementsOf(expected);
    assertThat(thrown.getMessage())
        .startsWith("invalid policy: " + expected.size() + " problem")
        .contains(thrown.problems().get(0).format());
  }

  @Test
  void reportsAFileThatCannotBeRead() {
    Path missing = Path.of("no-such-policy.yaml");

    PolicyException thrown =
        catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(missing));

    assertThat(thrown.problems())
        .extracting(Problem::format)
        .containsExactly("no-such-policy.yaml:1:1: cannot read the policy file: no such file");
    assertThat(thrown).hasCauseInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  @Test
  void namesTheSourceGivenToParse() {
    PolicyException thrown =
        catchThrowableOfType(
            PolicyException.class, () -> PolicyLoader.parse("version: 1\nrules: {}\n", "inline"));

    assertThat(thrown.problems())
        .extracting(Problem::format)
        .containsExactly("inline:2:8: rules: expected a list of rules, found a mapping");
  }
}
