package dev.redrive.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;

/** What {@link EventReader} finds in the inputs, in input order. */
interface InputHandler {
  /** A JSON value read at {@code source}: an event, if it has the shape of one. */
  void value(Source source, JsonNode value);

  /**
   * Input that is not JSON, or a file that cannot be read. Reading goes on with the next line (JSON
   * lines) or the next file (when the rest of the file cannot be made sense of).
   *
   * @param message what was expected and what was found, with the column when known
   */
  void malformed(Source source, String message);
}
