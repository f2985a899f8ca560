package dev.redrive.cli.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * One command of a shell block, as bash would read it: continuation lines joined, quoted newlines
 * kept, comments dropped. Only what the docs use is understood: single and double quotes,
 * backslashes, {@code #} comments, {@code $(...)} and {@code <(...)}, pipes and {@code ;}.
 *
 * @param line the line it starts on, in its file
 * @param text the command as bash runs it (comments removed)
 */
record ShellCommand(int line, String text) {

  /**
   * The commands of a block's lines; {@code firstLine} is the file line of {@code lines.get(0)}.
   */
  static List<ShellCommand> split(List<String> lines, int firstLine) {
    List<ShellCommand> commands = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = -1;
    char quote = 0;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (current.length() == 0 && quote == 0) {
        String stripped = line.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) {
          continue;
        }
        start = firstLine + n;
      }
      boolean continued = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quote == '\'') {
          current.append(c);
          if (c == '\'') {
            quote = 0;
          }
        } else if (c == '\\' && i + 1 < line.length()) {
          current.append(c).append(line.charAt(++i));
        } else if (c == '\\') {
          continued = true;
        } else if (quote == '"') {
          current.append(c);
          if (c == '"') {
            quote = 0;
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
          current.append(c);
        } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
          break;
        } else {
          current.append(c);
        }
      }
      if (quote != 0) {
        current.append('\n');
      } else if (continued) {
        current.append(' ');
      } else {
        String text = current.toString().strip();
        if (!text.isEmpty()) {
          commands.add(new ShellCommand(start, text));
        }
        current.setLength(0);
      }
    }
    if (quote != 0 || current.length() > 0) {
      throw new IllegalStateException(
          "line " + start + ": a command does not end (an open quote or a trailing backslash)");
    }
    return commands;
  }

  /**
   * The simple commands inside, as word lists: split at pipes, {@code ;}, {@code &&}, {@code ||},
   * and at {@code $(}, {@code <(} and their closing parenthesis, with quotes removed from words.
   * {@code out() { aws ...; }} gives {@code [out()]}, {@code [aws, ...]}.
   */
  List<List<String>> simpleCommands() {
    List<List<String>> all = new ArrayList<>();
    // The words of the commands around an open $( or <(, innermost last.
    java.util.ArrayDeque<List<String>> outer = new java.util.ArrayDeque<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    String s = text;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
        continue;
      }
      if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < s.length()) {
          word.append(s.charAt(++i));
        } else {
          word.append(c);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < s.length()) {
        word.append(s.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        inWord = flush(word, inWord, words);
      } else if (c == '$' && s.startsWith("$((", i)) {
        // $(( arithmetic )): one word
        int close = s.indexOf("))", i);
        word.append(s, i, close + 2);
        inWord = true;
        i = close + 1;
      } else if ((c == '$' || c == '<') && i + 1 < s.length() && s.charAt(i + 1) == '(') {
        // The substitution stands for a word of the outer command.
        word.append(c == '$' ? "$(...)" : "<(...)");
        flush(word, true, words);
        inWord = false;
        outer.push(words);
        words = new ArrayList<>();
        i++;
      } else if (c == ')' && !outer.isEmpty()) {
        inWord = flush(word, inWord, words);
        end(words, all);
        words = outer.pop();
      } else if (c == '|' || c == ';' || c == '&' || c == '{' || c == '}' || c == ')') {
        inWord = flush(word, inWord, words);
        end(words, all);
      } else {
        word.append(c);
        inWord = true;
      }
    }
    flush(word, inWord, words);
    end(words, all);
    return all;
  }

  private static boolean flush(StringBuilder word, boolean inWord, List<String> words) {
    if (inWord) {
      words.add(word.toString());
      word.setLength(0);
    }
    return false;
  }

  private static void end(List<String> words, List<List<String>> all) {
    // Leading variable assignments (NAME=value) belong to the command, not its words.
    while (!words.isEmpty() && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      List<String> assignment = List.of(words.remove(0));
      all.add(assignment);
    }
    if (!words.isEmpty()) {
      all.add(List.copyOf(words));
    }
    words.clear();
  }
}
