package dev.redrive.simulator.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * One page of a List operation, and the token of the next one.
 *
 * <p>A token names the position after the last item returned, by the item's sequence number, so a
 * listing stays consistent while items are added: an execution started after the first page never
 * shifts the items of the next.
 *
 * @param items the items of this page
 * @param nextToken the token of the next page, absent on the last one
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {
  /** AWS's page size when {@code maxResults} is absent or 0. */
  public static final int DEFAULT_SIZE = 100;

  private static final String PREFIX = "redrive-page:";

  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextToken, "nextToken");
  }

  /**
   * The page of {@code items} (sorted by {@code sequence}, ascending or descending) after {@code
   * token}.
   *
   * @param maxResults the page size; {@code null} or 0 for {@link #DEFAULT_SIZE}
   * @param token the token of a previous page, or {@code null} for the first
   * @throws ServiceException {@code InvalidToken} for a token this class did not issue
   */
  public static <T> Page<T> of(
      List<T> items,
      ToLongFunction<T> sequence,
      boolean descending,
      Integer maxResults,
      String token) {
    int size = maxResults == null || maxResults == 0 ? DEFAULT_SIZE : maxResults;
    Long after = token == null ? null : decode(token);
    List<T> page = new ArrayList<>();
    int i = 0;
    if (after != null) {
      while (i < items.size()) {
        long s = sequence.applyAsLong(items.get(i));
        if (descending ? s < after : s > after) {
          break;
        }
        i++;
      }
    }
    while (i < items.size() && page.size() < size) {
      page.add(items.get(i++));
    }
    Optional<String> next =
        i < items.size() && !page.isEmpty()
            ? Optional.of(encode(sequence.applyAsLong(page.get(page.size() - 1))))
            : Optional.empty();
    return new Page<>(page, next);
  }

  /** The token that resumes after the item with the given sequence number (or index). */
  public static String encode(long position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a token resumes after.
   *
   * @throws ServiceException {@code InvalidToken} for a token this class did not issue
   */
  public static long decode(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!text.startsWith(PREFIX)) {
        throw ServiceException.invalidToken(token);
      }
      return Long.parseLong(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalidToken(token);
    }
  }
}
