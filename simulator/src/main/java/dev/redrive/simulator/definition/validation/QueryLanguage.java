package dev.redrive.simulator.definition.validation;

import java.util.Optional;
import java.util.Set;

/**
 * The two query languages of ASL and the fields that belong to only one of them (AWS docs,
 * "Transforming data with JSONata in Step Functions": JSONata states use {@code Arguments} and
 * {@code Output} instead of the five JSONPath fields and the {@code *Path} variants).
 */
enum QueryLanguage {
  JSONPATH("JSONPath"),
  JSONATA("JSONata");

  private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

  private static final Set<String> JSONPATH_ONLY =
      Set.of(
          "InputPath",
          "OutputPath",
          "ResultPath",
          "Parameters",
          "ResultSelector",
          "ItemsPath",
          "SecondsPath",
          "TimestampPath",
          "TimeoutSecondsPath",
          "HeartbeatSecondsPath",
          "ErrorPath",
          "CausePath",
          "MaxConcurrencyPath",
          "ToleratedFailureCountPath",
          "ToleratedFailurePercentagePath");

  private final String aslName;

  QueryLanguage(String aslName) {
    this.aslName = aslName;
  }

  String aslName() {
    return aslName;
  }

  /** Whether {@code field} belongs only to the other language. */
  boolean forbids(String field) {
    return this == JSONPATH ? JSONATA_ONLY.contains(field) : JSONPATH_ONLY.contains(field);
  }

  /** The other language, the one {@code field} is reserved for when {@link #forbids} holds. */
  QueryLanguage other() {
    return this == JSONPATH ? JSONATA : JSONPATH;
  }

  static Optional<QueryLanguage> of(String name) {
    for (QueryLanguage q : values()) {
      if (q.aslName.equals(name)) {
        return Optional.of(q);
      }
    }
    return Optional.empty();
  }
}
