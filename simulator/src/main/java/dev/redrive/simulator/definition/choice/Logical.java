package dev.redrive.simulator.definition.choice;

import dev.redrive.simulator.path.PathResolver;
import java.util.List;

/** The Boolean operators {@code And}, {@code Or} and {@code Not} over nested rules. */
final class Logical {
  private Logical() {}

  /** {@code And}: true when every rule holds; stops at the first that does not. */
  record AllOf(List<Condition> rules) implements Condition {
    AllOf {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean test(PathResolver resolver) {
      // Indexed, not for-each: an iterator per evaluation is garbage on the hot path.
      for (int i = 0; i < rules.size(); i++) {
        if (!rules.get(i).test(resolver)) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code Or}: true when any rule holds; stops at the first that does. */
  record AnyOf(List<Condition> rules) implements Condition {
    AnyOf {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean test(PathResolver resolver) {
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i).test(resolver)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code Not}: true when the nested rule does not hold. */
  record Negation(Condition rule) implements Condition {
    @Override
    public boolean test(PathResolver resolver) {
      return !rule.test(resolver);
    }
  }
}
