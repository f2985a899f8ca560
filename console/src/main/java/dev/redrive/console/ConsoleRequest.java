package dev.redrive.console;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request, as any server hands it to the console.
 *
 * @param method {@code GET}, {@code POST}, ...
 * @param path the decoded path, e.g. {@code /console/api/executions}
 * @param query the decoded query parameters (the first value of each)
 * @param headers the request headers, names in lower case (the first value of each)
 * @param body the request body, empty for none
 */
public record ConsoleRequest(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    byte[] body) {
  public ConsoleRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** A query parameter, empty when absent or blank. */
  public Optional<String> param(String name) {
    String v = query.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /** A header, by its name in any case. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }
}
