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
 * shifts the items of the next. A token is also bound to the listing that issued it (its scope: the
 * operation and what it lists, not the page size), as AWS binds it to the request: given to another
 * listing it is {@code InvalidToken}, not another listing's page.
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
    return of(items, sequence, descending, maxResults, token, "");
  }

  /**
   * {@link #of(List, ToLongFunction, boolean, Integer, String)} for the listing {@code scope}
   * names, e.g. {@code "ListExecutions arn:...:stateMachine:orders RUNNING"}.
   *
   * @throws ServiceException {@code InvalidToken} for a token this class did not issue, or issued
   *     for another scope
   */
  public static <T> Page<T> of(
      List<T> items,
      ToLongFunction<T> sequence,
      boolean descending,
      Integer maxResults,
      String token,
      String scope) {
    int size = maxResults == null || maxResults == 0 ? DEFAULT_SIZE : maxResults;
    Long after = token == null ? null : decode(token, scope);
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
            ? Optional.of(encode(sequence.applyAsLong(page.get(page.size() - 1)), scope))
            : Optional.empty();
    return new Page<>(page, next);
  }

  /** The token that resumes after the item with the given sequence number (or index). */
  public static String encode(long position) {
    return encode(position, "");
  }

  /** The token of {@code scope} that resumes after the given position. */
  public static String encode(long position, String scope) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            (PREFIX + scopeId(scope) + ":" + position).getBytes(StandardCharsets.UTF_8));
  }

  /** A short, stable id of a scope: the token stays short whatever the scope's length. */
  private static String scopeId(String scope) {
    return Integer.toHexString(scope.hashCode());
  }

  /**
   * The position a token resumes after.
   *
   * @throws ServiceException {@code InvalidToken} for a token this class did not issue
   */
  public static long decode(String token) {
    return decode(token, "");
  }

  /**
   * The position a token of {@code scope} resumes after.
   *
   * @throws ServiceException {@code InvalidToken} for a token this class did not issue for {@code
   *     scope}
   */
  public static long decode(String token, String scope) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String head = PREFIX + scopeId(scope) + ":";
      if (!text.startsWith(head)) {
        throw ServiceException.invalidToken(token);
      }
      return Long.parseLong(text.substring(head.length()));
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalidToken(token);
    }
  }
}
