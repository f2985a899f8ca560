package dev.redrive.simulator.definition;

/** The query language of a state: {@code JSONPath} (the default) or {@code JSONata}. */
public enum QueryLanguage {
  JSONPATH,
  JSONATA;

  /** Parses {@code JSONPath}/{@code JSONata}; null or absent gives the fallback. */
  public static QueryLanguage of(String text, QueryLanguage fallback) {
    if (text == null) {
      return fallback;
    }
    return switch (text) {
      case "JSONata" -> JSONATA;
      case "JSONPath" -> JSONPATH;
      default ->
          throw new IllegalArgumentException(
              "QueryLanguage must be JSONPath or JSONata, was " + text);
    };
  }
}
