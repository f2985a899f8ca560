package dev.redrive.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * How the commands that call AWS ({@code sweep}, {@code audit}) build their clients: AWS with the
 * default credential chain and region, or an endpoint override such as {@code redrive serve} or
 * DynamoDB Local. An endpoint on the loopback address gets dummy credentials when none are
 * configured, as local endpoints do not check signatures.
 */
public final class AwsClients {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  private AwsClients() {}

  /**
   * Checks {@code --endpoint}-like options.
   *
   * @param option the option's name, for the message
   * @throws BadInputException unless {@code text} is an absolute http or https URL
   */
  public static URI endpoint(String option, String text) {
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new BadInputException(
        option
            + ": expected an http or https URL such as http://127.0.0.1:8083, found '"
            + text
            + "'");
  }

  /**
   * Checks {@code --region}.
   *
   * @throws BadInputException unless {@code text} looks like an AWS region (us-east-1)
   */
  public static Region region(String text) {
    if (!REGION.matcher(text).matches()) {
      throw new BadInputException(
          "--region: expected an AWS region such as us-east-1, found '" + text + "'");
    }
    return Region.of(text);
  }

  /**
   * Points {@code builder} at {@code endpoint} when given, in {@code region} when given (else
   * us-east-1 for a local endpoint, the default chain's region for AWS).
   */
  public static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, Optional<URI> endpoint, Optional<Region> region) {
    endpoint.ifPresent(builder::endpointOverride);
    if (region.isPresent()) {
      builder.region(region.get());
    } else if (endpoint.isPresent()) {
      builder.region(Region.US_EAST_1);
    }
    builder.credentialsProvider(credentials(endpoint));
    return builder;
  }

  private static AwsCredentialsProvider credentials(Optional<URI> endpoint) {
    if (endpoint.isPresent() && isLoopback(endpoint.get())) {
      DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
      try {
        chain.resolveCredentials();
        return chain;
      } catch (RuntimeException none) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
      }
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static boolean isLoopback(URI endpoint) {
    try {
      return InetAddress.getByName(endpoint.getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
