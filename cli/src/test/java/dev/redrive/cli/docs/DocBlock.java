package dev.redrive.cli.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced code block of a Markdown file.
 *
 * @param file the file, relative to the repository's root
 * @param line the line of the opening fence, from 1
 * @param language the fence's info string (empty when there is none)
 * @param lines the block's lines, without the fences
 */
record DocBlock(Path file, int line, String language, List<String> lines) {
  /** The first line of a block whose commands run against an AWS account. */
  static final String AWS_MARK = "# needs an AWS account";

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([^\\s`]*).*$");

  DocBlock {
    lines = List.copyOf(lines);
  }

  /** Where the block is, as {@code docs/deploy.md:64}. */
  String where() {
    return file + ":" + line;
  }

  boolean needsAnAwsAccount() {
    return !lines.isEmpty() && lines.get(0).strip().equals(AWS_MARK);
  }

  /** The fenced blocks of {@code root.resolve(file)}, in order. */
  static List<DocBlock> read(Path root, Path file) throws IOException {
    List<String> text = Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8);
    List<DocBlock> blocks = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      Matcher open = FENCE.matcher(text.get(i));
      if (!open.matches()) {
        continue;
      }
      String fence = open.group(2);
      int start = i;
      List<String> body = new ArrayList<>();
      for (i++; i < text.size(); i++) {
        String candidate = text.get(i).strip();
        if (candidate.startsWith(fence) && candidate.replace(fence.substring(0, 1), "").isEmpty()) {
          break;
        }
        body.add(text.get(i));
      }
      if (i == text.size()) {
        throw new IllegalStateException(
            file + ":" + (start + 1) + ": the fence " + fence + " is never closed");
      }
      blocks.add(new DocBlock(file, start + 1, open.group(3), body));
    }
    return blocks;
  }
}
