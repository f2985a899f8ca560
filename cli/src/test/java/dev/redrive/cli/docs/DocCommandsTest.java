package dev.redrive.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shell command shown in README.md and docs/*.md is exercised. A command in a block marked
 * {@value DocBlock#AWS_MARK} needs an AWS account, so it is checked offline: each {@code aws}
 * command's options against {@code aws SERVICE OPERATION help}, the files it names against the
 * checkout (the template parameters: infra's {@code DeployDocTest}), and the {@code ./redrive}
 * stages of its pipes run on the captured events. Every other command runs here for real: {@code
 * ./redrive} (the CLI from the test classpath, in a sandbox that looks like the checkout), {@code
 * ./redrive serve} on a free port with the {@code aws stepfunctions} commands that follow it in its
 * block, their port rewritten; documented output ({@code console} blocks) must match. {@code
 * ./mvnw} commands are what CI runs ({@code .ci/run}); here their modules and files are checked.
 * Anything else fails the test, so a new command cannot slip into the docs unexercised.
 */
class DocCommandsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Set<String> SHELL = Set.of("sh", "bash", "console");
  static final Set<String> NOT_SHELL = Set.of("text", "json", "yaml", "java", "xml");
  static final Duration LIMIT = Duration.ofSeconds(90);

  /** Words that start a command line in a shell block, so never in a text block. */
  private static final Pattern COMMAND_LINE =
      Pattern.compile("^\\s*(\\$ |\\./redrive |\\./mvnw |aws |sam )");

  private static final Pattern LOCAL_ENDPOINT = Pattern.compile("http://127\\.0\\.0\\.1:\\d+");
  private static final Pattern OVERSTRIKE = Pattern.compile(".\b");
  private static final Pattern OPTION = Pattern.compile("--[a-z0-9][a-z0-9-]*");

  /** Tools a command in an account block may pipe through: they only reshape text. */
  private static final Set<String> TEXT_TOOLS = Set.of("jq", "date", "cat", "grep", "sed");

  static Path sandboxDir;
  static Sandbox sandbox;
  static final Map<String, Set<String>> AWS_HELP = new HashMap<>();

  @BeforeAll
  static void makeTheSandbox() throws IOException {
    sandboxDir = Files.createTempDirectory("redrive-docs-");
    sandbox = new Sandbox(ROOT, sandboxDir);
  }

  /** Removes the sandbox: its links, never what they point to, and what the commands wrote. */
  @AfterAll
  static void removeTheSandbox() throws IOException {
    try (Stream<Path> paths = Files.walk(sandboxDir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(Path.of("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".md"))
          .sorted()
          .forEach(f -> docs.add(ROOT.relativize(f)));
    }
    return docs;
  }

  static List<DocBlock> blocks() throws IOException {
    List<DocBlock> blocks = new ArrayList<>();
    for (Path doc : docs()) {
      blocks.addAll(DocBlock.read(ROOT, doc));
    }
    return blocks;
  }

  @Test
  void everyFenceSaysWhatItHoldsAndOnlyShellBlocksHoldCommands() throws IOException {
    List<String> problems = new ArrayList<>();
    for (DocBlock block : blocks()) {
      if (SHELL.contains(block.language())) {
        continue;
      }
      if (!NOT_SHELL.contains(block.language())) {
        problems.add(
            block.where()
                + ": fence language '"
                + block.language()
                + "', expected one of "
                + new TreeSet<>(SHELL)
                + " or "
                + new TreeSet<>(NOT_SHELL));
      }
      for (String line : block.lines()) {
        if (COMMAND_LINE.matcher(line).find()) {
          problems.add(block.where() + ": a command in a non-shell block: " + line.strip());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void ciRunsTheBuildTheDocsShow() throws IOException {
    assertThat(Files.readString(ROOT.resolve(".ci/run")))
        .containsPattern("(?m)^\\./mvnw -B verify$");
  }

  @TestFactory
  Stream<DynamicTest> everyShellCommandRunsOrIsCheckedOffline() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (DocBlock block : blocks()) {
      if (!SHELL.contains(block.language())) {
        continue;
      }
      String name = block.where() + (block.needsAnAwsAccount() ? " (needs an AWS account)" : "");
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                if (block.needsAnAwsAccount()) {
                  checkOffline(block);
                } else {
                  run(block);
                }
              }));
    }
    assertThat(tests).hasSizeGreaterThan(20);
    return tests.stream();
  }

  // ------------------------------------------------------------------ blocks that run here

  /** A command and, in a console block, the output shown after it. */
  record Shown(ShellCommand command, List<String> output) {}

  static List<Shown> shown(DocBlock block) {
    List<Shown> shown = new ArrayList<>();
    if (!block.language().equals("console")) {
      for (ShellCommand c : ShellCommand.split(block.lines(), block.line() + 1)) {
        shown.add(new Shown(c, List.of()));
      }
      return shown;
    }
    for (int i = 0; i < block.lines().size(); i++) {
      String line = block.lines().get(i);
      if (!line.startsWith("$ ")) {
        throw new AssertionError(block.where() + ": a console block must start with '$ ': " + line);
      }
      List<String> output = new ArrayList<>();
      while (i + 1 < block.lines().size() && !block.lines().get(i + 1).startsWith("$ ")) {
        output.add(block.lines().get(++i));
      }
      int at = block.line() + 1 + i - output.size();
      shown.add(
          new Shown(
              ShellCommand.split(List.of(line.substring(2)), at).get(0), List.copyOf(output)));
    }
    return shown;
  }

  private static void run(DocBlock block) throws Exception {
    Process server = null;
    // Every server the block starts (a block may show several), stopped at its end with the JVMs
    // the shell started for them.
    List<Process> servers = new ArrayList<>();
    int port = -1;
    try {
      for (Shown s : shown(block)) {
        ShellCommand command = s.command();
        List<List<String>> simple = command.simpleCommands();
        List<String> first = simple.get(0);
        String where = block.file() + ":" + command.line();
        if (first.size() > 1 && first.get(0).equals("./redrive") && first.get(1).equals("serve")) {
          port = freePort();
          server = serve(command.text(), port, where);
          servers.add(server);
        } else if (first.get(0).equals("aws")) {
          assumeTrue(awsInstalled(), "aws CLI not installed: " + where + " not run");
          assertThat(first.subList(1, 3))
              .as("%s: only `aws stepfunctions` runs locally, against ./redrive serve", where)
              .containsExactly("stepfunctions", "--endpoint-url");
          if (server == null) {
            fail(
                where
                    + ": `"
                    + command.text()
                    + "` needs a ./redrive serve before it in its block");
          }
          String text =
              LOCAL_ENDPOINT.matcher(command.text()).replaceAll("http://127.0.0.1:" + port);
          expect(sandbox.run(text, new byte[0], LIMIT), Set.of(0), List.of(), where, text);
        } else if (first.get(0).equals("./mvnw")) {
          checkMaven(first, where);
        } else if (simple.stream().anyMatch(c -> c.get(0).equals("./redrive"))) {
          // After a ./redrive serve in the block, a command that names its endpoint reaches it.
          String text =
              server == null
                  ? command.text()
                  : LOCAL_ENDPOINT.matcher(command.text()).replaceAll("http://127.0.0.1:" + port);
          expect(sandbox.run(text, new byte[0], LIMIT), exitCodes(simple), s.output(), where, text);
        } else {
          fail(
              where
                  + ": `"
                  + command.text()
                  + "` is neither run by DocCommandsTest nor in a block marked '"
                  + DocBlock.AWS_MARK
                  + "'");
        }
      }
    } finally {
      for (Process p : servers) {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        p.destroy();
        for (ProcessHandle child : children) {
          try {
            child.onExit().get(10, TimeUnit.SECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            child.destroyForcibly();
          }
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  /**
   * The exit codes a command may end with: 0, but 1 for {@code diff} (the inputs differ, which is
   * what the doc shows), and 0 or 1 for {@code ./redrive run} of a state machine that draws {@code
   * States.MathRandom} (it succeeds or fails at random).
   */
  private static Set<Integer> exitCodes(List<List<String>> simple) throws IOException {
    List<String> last = simple.get(simple.size() - 1);
    if (last.get(0).equals("diff")) {
      return Set.of(1);
    }
    for (List<String> words : simple) {
      if (words.size() > 2 && words.get(0).equals("./redrive") && words.get(1).equals("run")) {
        Path definition = ROOT.resolve(words.get(2));
        if (Files.isRegularFile(definition)
            && Files.readString(definition).contains("States.MathRandom")) {
          return Set.of(0, 1);
        }
      }
    }
    return Set.of(0);
  }

  private static void expect(
      Sandbox.Result result,
      Set<Integer> codes,
      List<String> output,
      String where,
      String command) {
    assertThat(result.code())
        .as(
            "%s: exit code of `%s`; stdout:%n%s%nstderr:%n%s",
            where, command, result.out(), result.err())
        .isIn(codes);
    if (!output.isEmpty()) {
      assertThat(result.out().lines().map(String::stripTrailing).toList())
          .as("%s: what `%s` prints, as the doc shows it", where, command)
          .isEqualTo(output.stream().map(String::stripTrailing).toList());
    }
  }

  /** Starts {@code ./redrive serve} on {@code port}; returns once it says it listens. */
  private static Process serve(String command, int port, String where) throws Exception {
    String text =
        command.matches(".*--port \\d+.*")
            ? command.replaceAll("--port \\d+", "--port " + port)
            : command.replaceFirst("\\./redrive serve", "./redrive serve --port " + port);
    Process process = sandbox.start(text);
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "serve-output");
    reader.setDaemon(true);
    reader.start();
    Sandbox.drain(process.getErrorStream());
    String expected = "Step Functions simulator on http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + LIMIT.toNanos();
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        if (line.equals(expected)) {
          return process;
        }
      } else if (!process.isAlive()) {
        break;
      }
    }
    process.destroyForcibly();
    throw new AssertionError(
        where + ": `" + text + "` did not print '" + expected + "'; it printed " + seen);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * {@code ./mvnw}: modules that exist, goals CI's {@code ./mvnw -B verify} runs, files that exist.
   */
  private static void checkMaven(List<String> words, String where) throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Set<String> modules = new HashSet<>();
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    while (module.find()) {
      modules.add(module.group(1));
    }
    Set<String> goals = Set.of("compile", "test", "package", "verify");
    boolean hasGoal = false;
    for (int i = 1; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("-pl")) {
        for (String m : words.get(++i).split(",")) {
          assertThat(modules).as("%s: -pl %s, the modules of pom.xml", where, m).contains(m);
        }
      } else if (word.startsWith("-D") && word.contains("=")) {
        String value = word.substring(word.indexOf('=') + 1).replace("$PWD/", "");
        if (value.matches("[\\w./-]+\\.(yaml|yml|json)")) {
          assertThat(ROOT.resolve(value)).as("%s: the file of %s", where, word).exists();
        }
      } else if (!word.startsWith("-")) {
        assertThat(goals)
            .as("%s: the phase %s, one that ./mvnw -B verify runs", where, word)
            .contains(word);
        hasGoal = true;
      }
    }
    assertThat(hasGoal).as("%s: a phase", where).isTrue();
  }

  // ------------------------------------------------------------------ blocks that need AWS

  private static void checkOffline(DocBlock block) throws Exception {
    Set<String> functions = new HashSet<>();
    Set<String> produced = new HashSet<>();
    for (ShellCommand command : ShellCommand.split(block.lines(), block.line() + 1)) {
      String where = block.file() + ":" + command.line();
      for (List<String> words : command.simpleCommands()) {
        String w0 = words.get(0);
        if (w0.matches("[a-z_]+\\(")) {
          functions.add(w0.substring(0, w0.length() - 1));
        } else if (words.size() == 1 && w0.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
          continue; // a variable assignment
        } else if (functions.contains(w0) || TEXT_TOOLS.contains(w0)) {
          continue;
        } else if (w0.equals("aws")) {
          checkAws(words, where, produced);
        } else if (w0.equals("sam")) {
          checkSam(words, where);
        } else if (w0.equals("./redrive") && words.size() > 1 && CALLS_AWS.contains(words.get(1))) {
          checkRedriveOptions(words, where);
        } else if (w0.equals("./redrive")) {
          runOnCapturedEvents(words, where);
        } else {
          fail(
              where
                  + ": `"
                  + String.join(" ", words)
                  + "` in an AWS block is not checked by DocCommandsTest (expected aws, sam,"
                  + " ./redrive, a function defined in the block, or one of "
                  + TEXT_TOOLS
                  + ")");
        }
      }
    }
  }

  private static void checkAws(List<String> words, String where, Set<String> produced)
      throws Exception {
    assumeTrue(awsInstalled(), "aws CLI not installed: options at " + where + " not checked");
    assertThat(words.size()).as("%s: aws SERVICE OPERATION", where).isGreaterThanOrEqualTo(3);
    Set<String> known = awsOptions(words.get(1), words.get(2));
    for (int i = 3; i < words.size(); i++) {
      String word = words.get(i);
      if (word.startsWith("--")) {
        assertThat(known)
            .as("%s: `aws %s %s` takes %s (aws ... help)", where, words.get(1), words.get(2), word)
            .contains(word);
        if (word.startsWith("--output-") && i + 1 < words.size()) {
          produced.add(words.get(i + 1));
        }
      } else {
        checkFile(word, where, produced);
      }
    }
  }

  /**
   * {@code sam deploy}: the files it names exist, and its options are those of {@code sam deploy
   * --help} where sam is installed. The parameters it overrides: {@code DeployDocTest} (infra).
   */
  private static void checkSam(List<String> words, String where) throws Exception {
    assertThat(words.get(1)).as("%s: sam deploy", where).isEqualTo("deploy");
    boolean overrides = false;
    for (int i = 2; i < words.size(); i++) {
      String word = words.get(i);
      if (word.startsWith("--")) {
        overrides = word.equals("--parameter-overrides");
      } else if (!overrides) {
        checkFile(word, where, Set.of());
      }
    }
    if (installed("sam", "--version")) {
      String help = sandbox.run("sam deploy --help", new byte[0], LIMIT).out();
      for (String word : words) {
        if (word.startsWith("--")) {
          assertThat(help).as("%s: sam deploy takes %s", where, word).contains(word);
        }
      }
    } else {
      System.out.println(
          "[NOTE] sam not installed: the options of `sam deploy` at " + where + " not checked");
    }
  }

  /** A word that names a file of the checkout (or file://one) must name one that exists. */
  private static void checkFile(String word, String where, Set<String> produced) {
    String path = word.startsWith("file://") ? word.substring("file://".length()) : word;
    if (!path.matches("[\\w.-]+(/[\\w.-]+)*\\.(yaml|yml|json|jsonl|jar)")
        || produced.contains(path)) {
      return;
    }
    if (path.equals("pattern.json")) {
      return; // docs/replay.md: the reader saves the JSON block shown above it as pattern.json
    }
    assertThat(ROOT.resolve(path)).as("%s: %s", where, word).exists();
  }

  /** The {@code ./redrive} commands that call AWS themselves: checked, not run, in AWS blocks. */
  private static final Set<String> CALLS_AWS = Set.of("sweep", "audit");

  /**
   * A {@code ./redrive sweep} or {@code audit} that needs an AWS account: each option it uses is
   * one its {@code --help} lists, and the files it names exist.
   */
  private static void checkRedriveOptions(List<String> words, String where) throws Exception {
    Sandbox.Result help = sandbox.run("./redrive " + words.get(1) + " --help", new byte[0], LIMIT);
    assertThat(help.code()).as("%s: ./redrive %s --help", where, words.get(1)).isZero();
    for (String word : words.subList(2, words.size())) {
      if (word.startsWith("--")) {
        assertThat(help.out())
            .as("%s: ./redrive %s takes %s", where, words.get(1), word)
            .contains(word);
      } else {
        checkFile(word, where, Set.of());
      }
    }
  }

  /** Runs a {@code ./redrive} stage of an AWS pipe on the captured events, as JSON lines. */
  private static void runOnCapturedEvents(List<String> words, String where) throws Exception {
    StringBuilder jsonLines = new StringBuilder();
    try (Stream<Path> files = Files.list(ROOT.resolve("events-samples/events/captured"))) {
      for (Path file : files.sorted().toList()) {
        jsonLines.append(new ObjectMapper().readTree(file.toFile())).append('\n');
      }
    }
    StringBuilder command = new StringBuilder();
    for (String word : words) {
      command.append(command.length() == 0 ? "" : " ").append("'").append(word).append("'");
    }
    Sandbox.Result result =
        sandbox.run(
            command.toString(), jsonLines.toString().getBytes(StandardCharsets.UTF_8), LIMIT);
    assertThat(result.code())
        .as("%s: `%s` on the captured events; stderr: %s", where, command, result.err())
        .isZero();
  }

  // ------------------------------------------------------------------ tools

  private static Boolean aws;

  static synchronized boolean awsInstalled() {
    if (aws == null) {
      aws = installed("aws", "--version");
    }
    return aws;
  }

  private static boolean installed(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      Sandbox.drain(p.getInputStream());
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * Reads, in one Python process, the argument tables the AWS CLI (v1, Python) parses {@code aws
   * SERVICE OPERATION} with, for every operation the AWS blocks use, plus its global options: the
   * options {@code aws SERVICE OPERATION help} lists, without rendering 30 help pages (0.7 s of CPU
   * each). Where the CLI is not importable from {@code python3} (the AWS CLI v2 is a binary), the
   * help pages are read instead.
   */
  private static synchronized Set<String> awsOptions(String service, String operation)
      throws Exception {
    String key = service + " " + operation;
    if (AWS_HELP.isEmpty()) {
      Set<String> pairs = new TreeSet<>();
      for (DocBlock block : blocks()) {
        if (block.needsAnAwsAccount()) {
          for (ShellCommand c : ShellCommand.split(block.lines(), block.line() + 1)) {
            for (List<String> words : c.simpleCommands()) {
              if (words.get(0).equals("aws") && words.size() >= 3) {
                pairs.add(words.get(1) + " " + words.get(2));
              }
            }
          }
        }
      }
      StringBuilder command = new StringBuilder("python3 -c '" + ARGUMENT_TABLES + "'");
      for (String pair : pairs) {
        command.append(" '").append(pair).append("'");
      }
      Sandbox.Result tables = sandbox.run(command.toString(), new byte[0], LIMIT);
      if (tables.code() == 0) {
        JsonNode json = new ObjectMapper().readTree(tables.out());
        json.fields()
            .forEachRemaining(
                e -> {
                  Set<String> options = new HashSet<>();
                  e.getValue().forEach(o -> options.add("--" + o.asText()));
                  AWS_HELP.put(e.getKey(), options);
                });
      } else {
        System.out.println(
            "[NOTE] the AWS CLI is not importable from python3 ("
                + tables.err().strip()
                + "); reading aws ... help pages instead");
      }
    }
    if (!AWS_HELP.containsKey(key)) {
      AWS_HELP.put(key, helpPage(key + " help"));
    }
    if (!AWS_HELP.containsKey("")) {
      AWS_HELP.put("", helpPage("help"));
    }
    Set<String> options = new HashSet<>(AWS_HELP.get(key));
    options.addAll(AWS_HELP.get(""));
    return options;
  }

  /**
   * Python: for each argument "SERVICE OPERATION", the names in the CLI's argument table for that
   * command (none for an unknown command: its help page then says what is wrong); under "", the
   * global options. Printed as one JSON object.
   */
  private static final String ARGUMENT_TABLES =
      "import json, sys\n"
          + "from awscli.clidriver import create_clidriver\n"
          + "driver = create_clidriver()\n"
          + "commands = driver._get_command_table()\n"
          + "tables = {\"\": sorted(driver._get_argument_table())}\n"
          + "for pair in sys.argv[1:]:\n"
          + "    service, operation = pair.split(\" \")\n"
          + "    try:\n"
          + "        table = commands[service]._get_command_table()[operation].arg_table\n"
          + "        tables[pair] = sorted(table)\n"
          + "    except KeyError:\n"
          + "        pass\n"
          + "print(json.dumps(tables))\n";

  /** The options an {@code aws ARGS} help page lists. */
  private static Set<String> helpPage(String args) throws Exception {
    Sandbox.Result page = sandbox.run("aws " + args, new byte[0], LIMIT);
    assertThat(page.code()).as("`aws %s`: %s", args, page.err()).isZero();
    Set<String> options = new HashSet<>();
    Matcher m = OPTION.matcher(OVERSTRIKE.matcher(page.out()).replaceAll(""));
    while (m.find()) {
      options.add(m.group());
    }
    return options;
  }
}
