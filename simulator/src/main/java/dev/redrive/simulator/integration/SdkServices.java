package dev.redrive.simulator.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Calls AWS services at endpoints the user named, through the AWS SDK for Java v2, with requests
 * and responses in Step Functions' JSON (members in PascalCase, as task {@code Parameters} and
 * results have them). Only services with an endpoint are ever called: nothing goes to a host the
 * user did not name. The services callable are those whose SDK module is on the class path (this
 * module ships Lambda, SQS, SNS, DynamoDB, EventBridge, S3 and Step Functions).
 *
 * <p>Errors come back as {@link CallFailure} with the error name Step Functions reports: for {@code
 * aws-sdk:} tasks {@code ServiceName.ErrorNameException} (e.g. {@code
 * Sqs.QueueDoesNotExistException}), and the SDK's message, which carries the service, status code
 * and request id, as the cause.
 */
public final class SdkServices implements AutoCloseable {
  /** A failed call: the error and cause a task reports. */
  public static final class CallFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String error;

    public CallFailure(String error, String cause) {
      super(cause);
      this.error = error;
    }

    /** The error name, e.g. {@code Sqs.QueueDoesNotExistException} or {@code States.TaskFailed}. */
    public String error() {
      return error;
    }

    /** The cause, as Step Functions records it. */
    public String cause() {
      return getMessage();
    }
  }

  /**
   * How a failed call's error is named: as {@code aws-sdk:} tasks name it ({@code
   * Sqs.QueueDoesNotExistException}, the SDK v2 message as cause), or as the optimized integrations
   * do ({@code SQS.AmazonSQSException}, {@code DynamoDB.ConditionalCheckFailedException}, with the
   * cause in the form {@code message (Service: AmazonSQS; Status Code: 400; Error Code: ...;
   * Request ID: ...; Proxy: null)}).
   */
  public enum Naming {
    AWS_SDK,
    OPTIMIZED
  }

  /** A service as its ASL name, SDK package and client, and the name its errors carry. */
  private record Service(String packageName, String clientName, String errorPrefix) {}

  /** The optimized integrations' error prefix and the service name in their causes. */
  private record Optimized(String prefix, String serviceName) {}

  private static final Map<String, Optimized> OPTIMIZED =
      Map.of(
          "sqs", new Optimized("SQS", "AmazonSQS"),
          "sns", new Optimized("SNS", "AmazonSNS"),
          "dynamodb", new Optimized("DynamoDB", "AmazonDynamoDBv2"),
          "eventbridge", new Optimized("EventBridge", "AmazonEventBridge"),
          "lambda", new Optimized("Lambda", "AWSLambda"));

  private static final Map<String, Service> KNOWN =
      Map.of(
          "sqs", new Service("sqs", "SqsClient", "Sqs"),
          "sns", new Service("sns", "SnsClient", "Sns"),
          "dynamodb", new Service("dynamodb", "DynamoDbClient", "DynamoDb"),
          "eventbridge", new Service("eventbridge", "EventBridgeClient", "EventBridge"),
          "s3", new Service("s3", "S3Client", "S3"),
          "lambda", new Service("lambda", "LambdaClient", "Lambda"),
          "sfn", new Service("sfn", "SfnClient", "Sfn"));

  private final Map<String, URI> endpoints;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final Duration callTimeout;
  private final SdkHttpClient http;
  private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

  /**
   * @param endpoints the endpoint of each service, by its ASL name ({@code sqs}, {@code dynamodb},
   *     ...); services not listed are never called
   * @param region the region clients sign for
   * @param credentials the credentials; {@link #credentials()} picks the usual chain or dummies
   * @param callTimeout the longest one call may take, retries included
   */
  public SdkServices(
      Map<String, URI> endpoints,
      Region region,
      AwsCredentialsProvider credentials,
      Duration callTimeout) {
    this.endpoints = Map.copyOf(new TreeMap<>(endpoints));
    this.region = Objects.requireNonNull(region, "region");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    this.http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build();
  }

  /** No services: every call fails with {@link #endpointFor}'s message. */
  public static SdkServices none() {
    return new SdkServices(Map.of(), Region.US_EAST_1, credentials(), Duration.ofSeconds(60));
  }

  /**
   * The usual credential chain (environment, profiles, ...) when it finds credentials, dummies
   * otherwise: local endpoints accept any signature.
   */
  public static AwsCredentialsProvider credentials() {
    try {
      DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
      chain.resolveCredentials();
      return chain;
    } catch (SdkException | IllegalStateException none) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
  }

  /** The endpoint configured for a service, if any. */
  public Optional<URI> endpointFor(String service) {
    return Optional.ofNullable(endpoints.get(service.toLowerCase(Locale.ROOT)));
  }

  /**
   * Calls one API action.
   *
   * @param service the ASL service name, e.g. {@code sqs}
   * @param action the action in camelCase as in the task's resource, e.g. {@code sendMessage}
   * @param parameters the request members, e.g. {@code {"QueueUrl": ..., "MessageBody": ...}}
   * @return the response members
   * @throws CallFailure when the service answers with an error, cannot be reached, or the
   *     parameters do not fit the action's request
   * @throws IllegalStateException when the service has no endpoint (check {@link #endpointFor})
   */
  public JsonNode call(String service, String action, JsonNode parameters) throws CallFailure {
    return call(service, action, parameters, Naming.AWS_SDK);
  }

  /** {@link #call(String, String, JsonNode)}, with errors named as {@code naming} says. */
  public JsonNode call(String service, String action, JsonNode parameters, Naming naming)
      throws CallFailure {
    String name = service.toLowerCase(Locale.ROOT);
    Service s = serviceOf(name);
    SdkClient client = client(name, s);
    Method method = method(client, action, s);
    Class<?> requestType = method.getParameterTypes()[0];
    SdkPojo builder;
    try {
      builder = (SdkPojo) requestType.getMethod("builder").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a " + requestType.getName(), e);
    }
    ObjectNode members = parameters.isObject() ? ((ObjectNode) parameters).deepCopy() : null;
    JsonNode body = members == null ? null : members.remove("Body");
    try {
      SdkJson.fill(builder, builder.sdkFields(), members == null ? parameters : members, "$");
    } catch (SdkJson.ParameterException e) {
      throw new CallFailure(
          "States.Runtime",
          "The parameters of "
              + service
              + ":"
              + action
              + " do not fit its request: "
              + e.getMessage());
    }
    Object request = SdkJson.build(builder);
    try {
      Object response;
      Class<?>[] types = method.getParameterTypes();
      if (types.length == 1) {
        response = method.invoke(client, request);
        JsonNode out = SdkJson.toJson(response);
        if (naming == Naming.OPTIMIZED
            && out instanceof ObjectNode o
            && response instanceof software.amazon.awssdk.awscore.AwsResponse r) {
          httpMetadata(o, r);
        }
        return out;
      }
      if (types[1] == RequestBody.class) {
        String text = body == null ? "" : body.isTextual() ? body.asText() : body.toString();
        return SdkJson.toJson(method.invoke(client, request, RequestBody.fromString(text)));
      }
      Object bytes = method.invoke(client, request, ResponseTransformer.toBytes());
      software.amazon.awssdk.core.ResponseBytes<?> rb =
          (software.amazon.awssdk.core.ResponseBytes<?>) bytes;
      ObjectNode out = (ObjectNode) SdkJson.toJson(rb.response());
      out.put("Body", rb.asUtf8String());
      return out;
    } catch (InvocationTargetException e) {
      throw naming == Naming.OPTIMIZED && OPTIMIZED.containsKey(name)
          ? optimizedFailure(name, e.getCause())
          : failure(s, e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CallFailure failure(Service s, Throwable t) {
    if (t instanceof AwsServiceException e) {
      String simple = e.getClass().getSimpleName();
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String error;
      if (!simple.equals(s.clientName().replace("Client", "Exception")) || code == null) {
        error = simple;
      } else {
        String last = code.substring(code.lastIndexOf('.') + 1);
        error = last.endsWith("Exception") ? last : last + "Exception";
      }
      return new CallFailure(s.errorPrefix() + "." + error, e.getMessage());
    }
    if (t instanceof SdkClientException e) {
      return new CallFailure("States.TaskFailed", e.getMessage());
    }
    if (t instanceof RuntimeException e) {
      return new CallFailure("States.TaskFailed", String.valueOf(e.getMessage()));
    }
    throw new IllegalStateException(t);
  }

  /**
   * The response metadata Step Functions' optimized integrations add to a result: {@code
   * SdkHttpMetadata} (the response's headers and status) and {@code SdkResponseMetadata} (its
   * request id).
   */
  private static void httpMetadata(ObjectNode out, software.amazon.awssdk.awscore.AwsResponse r) {
    ObjectNode http = out.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    ObjectNode first = http.putObject("HttpHeaders");
    new TreeMap<>(r.sdkHttpResponse().headers())
        .forEach(
            (name, values) -> {
              com.fasterxml.jackson.databind.node.ArrayNode a = all.putArray(name);
              values.forEach(a::add);
              if (!values.isEmpty()) {
                first.put(name, values.get(0));
              }
            });
    http.put("HttpStatusCode", r.sdkHttpResponse().statusCode());
    out.putObject("SdkResponseMetadata")
        .put("RequestId", r.responseMetadata() == null ? null : r.responseMetadata().requestId());
  }

  private static CallFailure optimizedFailure(String name, Throwable t) {
    Optimized o = OPTIMIZED.get(name);
    if (t instanceof AwsServiceException e && e.awsErrorDetails() != null) {
      String code = e.awsErrorDetails().errorCode();
      String error;
      if (name.equals("sqs")) {
        error = "AmazonSQSException";
      } else {
        String last =
            code == null ? "Amazon" + o.prefix() : code.substring(code.lastIndexOf('.') + 1);
        error = last.endsWith("Exception") ? last : last + "Exception";
      }
      String cause =
          e.awsErrorDetails().errorMessage()
              + " (Service: "
              + o.serviceName()
              + "; Status Code: "
              + e.statusCode()
              + "; Error Code: "
              + code
              + "; Request ID: "
              + e.requestId()
              + "; Proxy: null)";
      return new CallFailure(o.prefix() + "." + error, cause);
    }
    return new CallFailure(o.prefix() + ".SdkClientException", String.valueOf(t.getMessage()));
  }

  private Service serviceOf(String name) {
    Service known = KNOWN.get(name);
    if (known != null) {
      return known;
    }
    String pascal = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    return new Service(name, pascal + "Client", pascal);
  }

  private SdkClient client(String name, Service s) throws CallFailure {
    URI endpoint = endpoints.get(name);
    if (endpoint == null) {
      throw new IllegalStateException("no endpoint is configured for " + name);
    }
    SdkClient existing = clients.get(name);
    if (existing != null) {
      return existing;
    }
    Class<?> type;
    try {
      type =
          Class.forName(
              "software.amazon.awssdk.services." + s.packageName() + "." + s.clientName());
    } catch (ClassNotFoundException e) {
      throw new CallFailure(
          "States.Runtime",
          "The service '"
              + name
              + "' is not one the simulator can call: its AWS SDK for Java v2"
              + " module is not on the class path.");
    }
    try {
      Object builder = type.getMethod("builder").invoke(null);
      Class<?> b = builder.getClass();
      call(builder, "endpointOverride", URI.class, endpoint);
      call(builder, "region", Region.class, region);
      call(builder, "credentialsProvider", AwsCredentialsProvider.class, credentials);
      call(builder, "httpClient", SdkHttpClient.class, http);
      call(
          builder,
          "overrideConfiguration",
          ClientOverrideConfiguration.class,
          ClientOverrideConfiguration.builder()
              .retryPolicy(RetryPolicy.none())
              .apiCallTimeout(callTimeout)
              .build());
      if (s.packageName().equals("s3")) {
        // Local S3 endpoints answer on paths, not on bucket host names.
        call(builder, "forcePathStyle", Boolean.class, Boolean.TRUE);
      }
      SdkClient client = (SdkClient) b.getMethod("build").invoke(builder);
      SdkClient raced = clients.putIfAbsent(name, client);
      if (raced != null) {
        client.close();
        return raced;
      }
      return client;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build the " + s.clientName(), e);
    }
  }

  private static void call(Object target, String name, Class<?> type, Object value)
      throws ReflectiveOperationException {
    Method m = findMethod(target.getClass(), name, type);
    m.setAccessible(true);
    m.invoke(target, value);
  }

  private static Method findMethod(Class<?> c, String name, Class<?> type)
      throws NoSuchMethodException {
    for (Class<?> i : allInterfaces(c)) {
      try {
        return i.getMethod(name, type);
      } catch (NoSuchMethodException next) {
        // try the next
      }
    }
    return c.getMethod(name, type);
  }

  private static java.util.List<Class<?>> allInterfaces(Class<?> c) {
    java.util.List<Class<?>> all = new java.util.ArrayList<>();
    java.util.ArrayDeque<Class<?>> todo =
        new java.util.ArrayDeque<>(java.util.List.of(c.getInterfaces()));
    while (!todo.isEmpty()) {
      Class<?> i = todo.poll();
      if (!all.contains(i)) {
        all.add(i);
        todo.addAll(java.util.List.of(i.getInterfaces()));
      }
    }
    return all;
  }

  private static Method method(SdkClient client, String action, Service s) throws CallFailure {
    Method best = null;
    for (Class<?> i : allInterfaces(client.getClass())) {
      for (Method m : i.getMethods()) {
        if (!m.getName().equals(action) || m.getParameterCount() == 0) {
          continue;
        }
        Class<?>[] types = m.getParameterTypes();
        if (!SdkPojo.class.isAssignableFrom(types[0])) {
          continue;
        }
        if (types.length == 1
            || (types.length == 2
                && (types[1] == RequestBody.class || types[1] == ResponseTransformer.class))) {
          if (best == null || rank(m) < rank(best)) {
            best = m;
          }
        }
      }
    }
    if (best == null) {
      throw new CallFailure(
          "States.Runtime",
          "The API action '" + action + "' is not one of " + s.errorPrefix() + "'s actions.");
    }
    return best;
  }

  /**
   * Prefers the plain call, except where it returns a stream (S3 GetObject): then the call that
   * reads the body into bytes.
   */
  private static int rank(Method m) {
    if (m.getParameterCount() == 1) {
      return java.io.InputStream.class.isAssignableFrom(m.getReturnType()) ? 2 : 0;
    }
    return 1;
  }

  @Override
  public void close() {
    clients.values().forEach(SdkClient::close);
    clients.clear();
    http.close();
  }
}
