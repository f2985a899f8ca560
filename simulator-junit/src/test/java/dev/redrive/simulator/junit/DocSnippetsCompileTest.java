package dev.redrive.simulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocSnippetsCompileTest {
  /** The repository root: this module's parent directory (surefire runs in the module). */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void javaBlocksOfTheReadmeAndDocsCompile(@TempDir Path out) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<DocSnippets.Snippet> snippets = new ArrayList<>();
    files.forEach(f -> snippets.addAll(DocSnippets.extract(f)));

    List<String> problems = new ArrayList<>();
    for (DocSnippets.Snippet s : snippets) {
      problems.addAll(DocSnippets.compile(s, out));
    }

    assertThat(snippets).as("java blocks found in %s", files).isNotEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  void reportsACompileErrorAtItsLineInTheMarkdownFile(@TempDir Path out) {
    String markdown =
        """
        # Title

        ```java
        class Broken {
          int x = "not a number";
        }
        ```
        """;
    List<DocSnippets.Snippet> snippets = DocSnippets.extract(Path.of("doc.md"), markdown);

    List<String> problems = DocSnippets.compile(snippets.get(0), out);

    assertThat(problems).singleElement().asString().startsWith("doc.md:5: ").contains("String");
  }

  @Test
  void rejectsAFragmentThatIsNotACompilationUnit(@TempDir Path out) {
    List<DocSnippets.Snippet> snippets =
        DocSnippets.extract(Path.of("doc.md"), "```java\nint x = 1;\n```\n");

    assertThat(DocSnippets.compile(snippets.get(0), out))
        .singleElement()
        .asString()
        .contains("doc.md:1")
        .contains("expected a compilation unit");
  }

  @Test
  void leavesOutlinesAndOtherLanguagesOut() {
    String markdown = "```java outline\nsim.run(...);\n```\n```xml\n<a/>\n```\n";

    assertThat(DocSnippets.extract(Path.of("doc.md"), markdown)).isEmpty();
  }

  @Test
  void rejectsAnUnclosedBlock() {
    assertThatThrownBy(() -> DocSnippets.extract(Path.of("doc.md"), "```java\nclass A {}\n"))
        .hasMessageContaining("doc.md:1")
        .hasMessageContaining("expected a closing ```");
  }
}
