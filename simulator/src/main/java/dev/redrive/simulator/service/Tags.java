package dev.redrive.simulator.service;

import dev.redrive.simulator.validation.Constraints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tags of state machines and activities (TagResource, UntagResource, ListTagsForResource, and
 * {@code tags} on create), with AWS's limits: keys of 1 to 128 characters, values of 0 to 256, at
 * most {@link #MAX_TAGS} per resource. Thread-safe.
 */
public final class Tags {
  /** Tags AWS allows on one resource. */
  public static final int MAX_TAGS = 50;

  private final Map<String, Map<String, String>> byArn = new ConcurrentHashMap<>();

  /**
   * One tag.
   *
   * @param key 1 to 128 characters
   * @param value 0 to 256 characters
   */
  public record Tag(String key, String value) {
    public Tag {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The checks of a {@code tags} list AWS makes before anything is changed.
   *
   * @param field the request member, {@code tags}
   * @throws dev.redrive.simulator.validation.InvalidRequestException {@code ValidationException}
   *     for a key or value of the wrong length
   * @throws ServiceException {@code TooManyTags} for more than {@link #MAX_TAGS}
   */
  public static void check(String field, List<Tag> tags) {
    Constraints c = new Constraints();
    for (int i = 0; i < tags.size(); i++) {
      String where = field + "." + (i + 1) + ".member.";
      c.length(where + "key", tags.get(i).key(), 1, 128)
          .length(where + "value", tags.get(i).value(), 0, 256);
    }
    c.check();
    if (tags.size() > MAX_TAGS) {
      throw tooMany(tags.size());
    }
  }

  private static ServiceException tooMany(int count) {
    return new ServiceException(
        "TooManyTags",
        "Too many tags: a resource may have at most "
            + MAX_TAGS
            + ", this request leaves "
            + count);
  }

  /**
   * TagResource: adds the tags, replacing the values of keys already there.
   *
   * @throws ServiceException {@code TooManyTags} when the resource would have more than {@link
   *     #MAX_TAGS}
   */
  public void tag(String arn, List<Tag> tags) {
    check("tags", tags);
    byArn.compute(
        arn,
        (k, current) -> {
          Map<String, String> next = current == null ? new LinkedHashMap<>() : current;
          Map<String, String> merged = new LinkedHashMap<>(next);
          tags.forEach(t -> merged.put(t.key(), t.value()));
          if (merged.size() > MAX_TAGS) {
            throw tooMany(merged.size());
          }
          return merged;
        });
  }

  /** UntagResource: removes the keys; keys that are not there are ignored. */
  public void untag(String arn, List<String> keys) {
    Constraints c = new Constraints();
    for (int i = 0; i < keys.size(); i++) {
      c.length("tagKeys." + (i + 1) + ".member", keys.get(i), 1, 128);
    }
    c.check();
    byArn.computeIfPresent(
        arn,
        (k, current) -> {
          Map<String, String> next = new LinkedHashMap<>(current);
          keys.forEach(next::remove);
          return next.isEmpty() ? null : next;
        });
  }

  /** ListTagsForResource: in the order they were first added. */
  public List<Tag> of(String arn) {
    return byArn.getOrDefault(arn, Map.of()).entrySet().stream()
        .map(e -> new Tag(e.getKey(), e.getValue()))
        .toList();
  }

  /** The resource was deleted: its tags go with it. */
  public void removed(String arn) {
    byArn.remove(arn);
  }
}
