package dev.redrive.cli;

import dev.redrive.policy.Policy;
import dev.redrive.policy.PolicyException;
import dev.redrive.policy.PolicyLoader;
import dev.redrive.policy.Problem;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reading policy files and event files for the commands, with messages that name the file. */
public final class PolicyFiles {
  private PolicyFiles() {}

  /**
   * Reads a text file as UTF-8.
   *
   * @param what what the file is, for the message ("policy", "event")
   * @throws BadInputException if the file cannot be read
   */
  public static String read(Path file, String what) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException("cannot read " + what + " " + file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new BadInputException("cannot read " + what + " " + file + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new BadInputException("cannot read " + what + " " + file + ": " + describe(e), e);
    }
  }

  /**
   * Loads a policy that the command needs to be valid.
   *
   * @throws BadInputException if it cannot be read or is invalid; the message lists every problem
   *     as {@code file:line:col: field: problem}
   */
  public static Policy load(Path file) {
    try {
      if (Files.isRegularFile(file) && Files.size(file) > PolicyLoader.MAX_BYTES) {
        throw new BadInputException(
            "invalid policy "
                + file
                + ":\n"
                + file
                + ":1:1: the policy file has "
                + Files.size(file)
                + " bytes; a policy may have at most "
                + PolicyLoader.MAX_BYTES
                + " (4 MiB of UTF-8 for 1 MiB of text): not read");
      }
    } catch (IOException e) {
      throw new BadInputException("cannot read policy " + file + ": " + describe(e), e);
    }
    String text = read(file, "policy");
    try {
      return PolicyLoader.parse(text, file.toString());
    } catch (PolicyException e) {
      throw new BadInputException(
          "invalid policy "
              + file
              + ":\n"
              + e.problems().stream().map(Problem::format).collect(Collectors.joining("\n")),
          e);
    }
  }

  /** An I/O error as a short phrase: the exception's message without the file name it repeats. */
  public static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
