package dev.redrive.simulator.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The Java blocks of Markdown files, and compiling them with the test's classpath. Written by hand:
 * a Markdown parser would only be needed for the fences, and javax.tools does the compiling.
 */
final class DocSnippets {
  /** A fenced {@code java} block: where it starts (the fence's line) and its code. */
  record Snippet(Path file, int line, String code) {
    String where() {
      return file + ":" + line;
    }
  }

  private static final Pattern TYPE =
      Pattern.compile(
          "(?m)^(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

  private DocSnippets() {}

  /**
   * The blocks fenced {@code ```java} (not {@code ```java outline}, which are API overviews).
   *
   * @throws IllegalArgumentException when a block is not closed
   */
  static List<Snippet> extract(Path file, String markdown) {
    List<Snippet> out = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].strip().equals("```java")) {
        continue;
      }
      int start = i + 1;
      StringBuilder code = new StringBuilder();
      int j = start;
      while (j < lines.length && !lines[j].strip().startsWith("```")) {
        code.append(lines[j]).append('\n');
        j++;
      }
      if (j == lines.length) {
        throw new IllegalArgumentException(
            file + ":" + start + ": expected a closing ``` for the java block, found the end");
      }
      out.add(new Snippet(file, start, code.toString()));
      i = j;
    }
    return out;
  }

  static List<Snippet> extract(Path file) {
    try {
      return extract(file, Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles a block into {@code out}; the problems found, each with the block's file and line. */
  static List<String> compile(Snippet snippet, Path out) {
    Matcher type = TYPE.matcher(snippet.code());
    if (!type.find()) {
      return List.of(
          snippet.where()
              + ": expected a compilation unit (a class, record, interface or enum), found a"
              + " fragment; mark an API overview `java outline`");
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject source =
        new SimpleJavaFileObject(
            URI.create("string:///" + type.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return snippet.code();
          }
        };
    List<String> options =
        List.of(
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            out.toString(),
            "-proc:none");
    boolean ok = javac.getTask(null, null, diagnostics, options, null, List.of(source)).call();
    List<String> problems = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        problems.add(
            snippet.file()
                + ":"
                + (snippet.line() + d.getLineNumber())
                + ": "
                + d.getMessage(Locale.ROOT));
      }
    }
    if (!ok && problems.isEmpty()) {
      problems.add(snippet.where() + ": javac failed without a diagnostic");
    }
    return problems;
  }
}
