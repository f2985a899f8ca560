package dev.redrive.simulator.definition.choice;

/** How a comparison operator relates the variable to its operand, named as in the operators. */
enum Relation {
  EQUALS("Equals"),
  LESS_THAN("LessThan"),
  GREATER_THAN("GreaterThan"),
  LESS_THAN_EQUALS("LessThanEquals"),
  GREATER_THAN_EQUALS("GreaterThanEquals");

  private final String suffix;

  Relation(String suffix) {
    this.suffix = suffix;
  }

  /** The part of the operator name after the type, e.g. {@code LessThanEquals}. */
  String suffix() {
    return suffix;
  }

  /** Whether the relation holds given {@code compare(variable, operand)}. */
  boolean holds(int comparison) {
    return switch (this) {
      case EQUALS -> comparison == 0;
      case LESS_THAN -> comparison < 0;
      case GREATER_THAN -> comparison > 0;
      case LESS_THAN_EQUALS -> comparison <= 0;
      case GREATER_THAN_EQUALS -> comparison >= 0;
    };
  }
}
