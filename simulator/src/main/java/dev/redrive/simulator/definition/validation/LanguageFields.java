package dev.redrive.simulator.definition.validation;

import java.util.Optional;
import java.util.Set;

/**
 * The fields of each of ASL's two query languages, for validation (named apart from {@link
 * dev.redrive.simulator.definition.QueryLanguage}, the parsed state's language): the languages and
 * the fields that belong to only one of them (AWS docs, "Transforming data with JSONata in Step
 * Functions": JSONata states use {@code Arguments} and {@code Output} instead of the five JSONPath
 * fields and the {@code *Path} variants).
 */
enum LanguageFields {
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

  LanguageFields(String aslName) {
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
  LanguageFields other() {
    return this == JSONPATH ? JSONATA : JSONPATH;
  }

  static Optional<LanguageFields> of(String name) {
    for (LanguageFields q : values()) {
      if (q.aslName.equals(name)) {
        return Optional.of(q);
      }
    }
    return Optional.empty();
  }
}
