package dev.redrive.policy;

import dev.redrive.policy.internal.PolicyReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a policy file (version 1, DESIGN.md "The policy file") and checks all of it: unknown
 * fields, wrong types, durations, regular expressions, limits, names, statuses, actions, jitter,
 * onGiveUp, {@code States.ALL} mixed with other errors, the version, and YAML syntax. Every problem
 * is collected with its line, column and field path before the file is rejected as a whole.
 */
public final class PolicyLoader {
  /**
   * The largest policy file read, in bytes: enough for the 1 MiB of text a policy may have whatever
   * its characters; a larger file is refused before it is read.
   */
  public static final long MAX_BYTES = 4L << 20;

  private PolicyLoader() {}

  /**
   * Reads and checks the policy file at {@code file}; problems name the file as given.
   *
   * @throws PolicyException with every problem found; when the file cannot be read, with one
   *     problem at 1:1 and the {@link IOException} as its cause
   */
  public static Policy load(Path file) {
    Objects.requireNonNull(file, "file");
    String yaml;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new PolicyException(
            java.util.List.of(
                new Problem(
                    file.toString(),
                    1,
                    1,
                    "",
                    "the policy file has "
                        + size
                        + " bytes; a policy may have at most "
                        + MAX_BYTES
                        + " (4 MiB of UTF-8 for 1 MiB of text): not read")));
      }
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      String reason =
          e instanceof java.nio.file.NoSuchFileException
              ? "no such file"
              : e.getClass().getSimpleName() + ": " + e.getMessage();
      throw new PolicyException(
          new Problem(file.toString(), 1, 1, "", "cannot read the policy file: " + reason), e);
    }
    return parse(yaml, file.toString());
  }

  /**
   * Reads and checks a policy from its text.
   *
   * @param yaml the policy file's text
   * @param sourceName the name problems give as their file
   * @throws PolicyException with every problem found
   */
  public static Policy parse(String yaml, String sourceName) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(sourceName, "sourceName");
    return PolicyReader.read(yaml, sourceName);
  }
}
