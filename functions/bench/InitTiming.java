import dev.redrive.functions.config.ControllerFactory;
import dev.redrive.functions.observe.DecisionLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the Lambda init phase costs, in a fresh JVM (run by init-timing.sh, AWS_REGION set, no
 * network): "factory" times ControllerFactory.fromEnvironment, what the handlers' no-argument
 * constructors run; "clients" times each client's build in the factory's order, to show what
 * building the SQS, EventBridge and SNS clients lazily would move out of init.
 */
public final class InitTiming {
  public static void main(String[] args) {
    long start = System.nanoTime();
    if (args[0].equals("factory")) {
      ControllerFactory.fromEnvironment(
          Map.of(
              "LEDGER_TABLE", "ledger",
              "REDRIVE_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/111111111111/redrive",
              "GIVE_UP_TOPIC_ARN", "arn:aws:sns:us-east-1:111111111111:give-ups"),
          new DecisionLog(new PrintStream(OutputStream.nullOutputStream())));
      System.out.printf("factory %.0f ms%n", (System.nanoTime() - start) / 1e6);
      return;
    }
    SdkHttpClient http = UrlConnectionHttpClient.create();
    long t = lap("http client", start);
    SfnClient.builder().httpClient(http).build();
    t = lap("sfn", t);
    DynamoDbClient.builder().httpClient(http).build();
    t = lap("dynamodb", t);
    SqsClient.builder().httpClient(http).build();
    t = lap("sqs", t);
    EventBridgeClient.builder().httpClient(http).build();
    t = lap("eventbridge", t);
    SnsClient.builder().httpClient(http).build();
    lap("sns", t);
  }

  private static long lap(String name, long since) {
    long now = System.nanoTime();
    System.out.printf("%s %.0f ms%n", name, (now - since) / 1e6);
    return now;
  }
}
