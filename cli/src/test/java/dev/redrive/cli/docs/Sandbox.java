package dev.redrive.cli.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A working directory that looks like the repository's root to a shell command: every top-level
 * entry is a symbolic link to the real one, except {@code ./redrive}, which runs the CLI's {@code
 * Main} from the test's classpath (the jar is not built yet when the tests run), so files the
 * commands write stay in the sandbox. Commands run with bash, with dummy AWS credentials and region
 * so that nothing can reach a real account, each with a time limit.
 */
final class Sandbox {
  private final Path dir;

  Sandbox(Path root, Path dir) throws IOException {
    this.dir = dir;
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (!name.equals("redrive") && !name.equals(".git") && !name.equals("target")) {
          Files.createSymbolicLink(dir.resolve(name), entry);
        }
      }
    }
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path shim = dir.resolve("redrive");
    Files.writeString(
        shim,
        "#!/usr/bin/env bash\n"
            + "# The CLI from the test classpath; see Sandbox.java.\n"
            + "exec '"
            + java
            + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '"
            + classpath
            + "' dev.redrive.cli.Main \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  Path dir() {
    return dir;
  }

  /** What a command printed and returned. */
  record Result(int code, String out, String err) {}

  /** Runs {@code command} with {@code bash -c} in the sandbox, {@code stdin} as its input. */
  Result run(String command, byte[] stdin, Duration limit)
      throws IOException, InterruptedException {
    Process process = start(command);
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try (var in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // the command did not read its input
    }
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("`" + command + "` did not end within " + limit);
    }
    return new Result(process.exitValue(), out.join(), err.join());
  }

  /** Starts {@code command} with {@code bash -c} in the sandbox; the caller stops it. */
  Process start(String command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", command);
    builder.directory(dir.toFile());
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", "redrive-docs");
    env.put("AWS_SECRET_ACCESS_KEY", "redrive-docs");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
    env.put("PAGER", "cat");
    env.put("AWS_PAGER", "");
    return builder.start();
  }

  static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
          }
        });
  }
}
