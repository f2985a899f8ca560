package dev.redrive.simulator.validation;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Syntax checks of the ARNs in requests, before any lookup: AWS answers {@code InvalidArn} with
 * {@code Invalid Arn: 'Invalid ARN prefix: <arn>'} when the text is not an ARN at all, and {@code
 * Invalid Arn: 'Resource type not valid in this context: <type>'} when it names another kind of
 * resource (an execution ARN given to StartExecution, say).
 */
public final class Arns {
  private static final int HEAD = 5;

  private Arns() {}

  /**
   * Checks that {@code arn} names a resource of one of {@code kinds}.
   *
   * @return the kind it names
   * @throws InvalidRequestException {@code InvalidArn}, worded as AWS does
   */
  public static ArnKind require(String arn, ArnKind... kinds) {
    Set<ArnKind> allowed = EnumSet.copyOf(Arrays.asList(kinds));
    if (arn == null || !arn.startsWith("arn:")) {
      throw invalid("Invalid ARN prefix: " + arn);
    }
    String[] parts = arn.split(":", -1);
    if (parts.length <= HEAD || !"states".equals(parts[2])) {
      throw invalid("Invalid ARN prefix: " + arn);
    }
    String type = parts[HEAD];
    int resourceParts = parts.length - HEAD - 1;
    for (ArnKind kind : allowed) {
      if (kind.type().equals(type)) {
        boolean blank = Arrays.stream(parts, HEAD + 1, parts.length).anyMatch(String::isEmpty);
        if (!kind.acceptsParts(resourceParts) || blank) {
          throw invalid("Resource type not valid in this context: " + type);
        }
        return kind;
      }
    }
    throw invalid("Resource type not valid in this context: " + type);
  }

  private static InvalidRequestException invalid(String detail) {
    return new InvalidRequestException(
        InvalidRequestException.INVALID_ARN, "Invalid Arn: '" + detail + "'");
  }
}
