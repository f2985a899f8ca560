package dev.redrive.simulator.definition.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the corpus placeholders ({@code ${SM_ARN_0}}, {@code ${ACTIVITY_ARN_0}}, {@code
 * AUTO<fixture...>}) with ARNs of the kind they stand for, as the recording's fixtures did.
 */
public final class Placeholders {
  private static final Pattern TOKEN = Pattern.compile("\\$\\{([A-Z]+)_ARN_(\\d+)\\}");
  private static final Pattern AUTO = Pattern.compile("AUTO<[^>]*>");

  private Placeholders() {}

  /** {@code text} with every placeholder replaced by an ARN. */
  public static String concrete(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = TOKEN.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String arn =
          switch (m.group(1)) {
            case "ACTIVITY" ->
                "arn:aws:states:us-east-1:111111111111:activity:activity" + m.group(2);
            case "SM" -> "arn:aws:states:us-east-1:111111111111:stateMachine:machine" + m.group(2);
            default -> "arn:aws:iam::111111111111:role/role" + m.group(2);
          };
      m.appendReplacement(sb, Matcher.quoteReplacement(arn));
    }
    m.appendTail(sb);
    String auto =
        text.contains("stepfunctions_state_machine_arn")
            ? "arn:aws:states:us-east-1:111111111111:stateMachine:machine"
            : "arn:aws:lambda:us-east-1:111111111111:function:fn";
    return AUTO.matcher(sb.toString()).replaceAll(Matcher.quoteReplacement(auto));
  }
}
