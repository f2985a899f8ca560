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

  @Test
  void refusesAPolicyOverOneMebibyteBeforeParsingIt() {
    // A 5 MB comment took 46 s and 444 MB with the former hand-written reader.
    String policy = "version: 1\nrules: []\n#" + "x".repeat(5 << 20) + "\n";

    assertThat(problemsOf(policy))
        .containsExactly(
            "inline:1:1: YAML syntax error: the policy has 5242903 characters; a policy may have"
                + " at most 1048576 (1 MiB)");
  }

  @Test
  void refusesAPolicyFileOverFourMebibytesWithoutReadingIt(
      @org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
    Path file = dir.resolve("huge.yaml");
    java.nio.file.Files.writeString(file, "#" + "x".repeat(5 << 20));

    PolicyException thrown =
        catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(file));

    assertThat(thrown.problems())
        .extracting(Problem::format)
        .containsExactly(
            file
                + ":1:1: the policy file has 5242881 bytes; a policy may have at most 4194304 (4 MiB"
                + " of UTF-8 for 1 MiB of text): not read");
  }

  @Test
  void readsALongCommentUnderTheCap() {
    String policy = "version: 1\n#" + "x".repeat(1_000_000) + "\nrules: []\n";

    assertThat(PolicyLoader.parse(policy, "inline").rules()).isEmpty();
  }

  @Test
  void refusesNestingDeeperThanSixtyFourLevels() {
    String policy = "version: 1\nrules: " + "[".repeat(100_000) + "\n";

    assertThat(problemsOf(policy))
        .containsExactly("inline:2:71: YAML syntax error: nested more than 64 levels deep");
  }

  @Test
  void refusesAnAliasBombWithItsLine() {
    StringBuilder policy = new StringBuilder("version: 1\nx0: &a0 [lol, lol]\n");
    for (int i = 1; i <= 30; i++) {
      policy.append("x").append(i).append(": &a").append(i).append(" [");
      policy.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
    }
    policy.append("rules: []\n");

    assertThat(problemsOf(policy.toString()))
        .singleElement()
        .asString()
        .startsWith("inline:13:")
        .contains("YAML syntax error: Number of aliases for non-scalar nodes exceeds");
  }

  @Test
  void refusesACharacterYamlDoesNotAllowWithItsPlace() {
    assertThat(problemsOf("version: 1\nrules: [\u0000]\n"))
        .containsExactly(
            "inline:2:9: YAML syntax error: the text holds a character YAML does not allow: U+0000");
  }

  private static List<String> problemsOf(String policy) {
    PolicyException thrown =
        catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parse(policy, "inline"));
    assertThat(thrown)
        .as("loading %s", policy.substring(0, Math.min(60, policy.length())))
        .isNotNull();
    return thrown.problems().stream().map(Problem::format).toList();
  }
}
