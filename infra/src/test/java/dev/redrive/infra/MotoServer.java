package dev.redrive.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto's server ({@code python3 -m moto.server}) on 127.0.0.1 and a free port: a second
 * implementation of the AWS APIs the stack uses (SQS, EventBridge, DynamoDB, SNS), without Docker.
 * {@link #start} says why when it cannot run, so that tests skip with that reason.
 */
final class MotoServer implements AutoCloseable {
  private static final Duration START_WAIT = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Why moto cannot run here, or empty when {@code python3 -c "import moto.server"} works. */
  static Optional<String> unavailable() {
    try {
      Process probe =
          new ProcessBuilder("python3", "-c", "import moto.server")
              .redirectErrorStream(true)
              .start();
      String output = new String(probe.getInputStream().readAllBytes());
      if (!probe.waitFor(60, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return Optional.of("python3 -c 'import moto.server' did not end within 60 s");
      }
      return probe.exitValue() == 0
          ? Optional.empty()
          : Optional.of(
              "moto is not installed for python3 (pip install 'moto[server]'): " + output);
    } catch (IOException e) {
      return Optional.of("python3 cannot be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while looking for moto");
    }
  }

  /** Starts moto and waits until its port accepts connections. */
  static MotoServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("moto-server", ".log");
    Process process =
        new ProcessBuilder(
                "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    MotoServer moto = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (true) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return moto;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          moto.close();
          throw new IllegalStateException(
              "moto did not listen on port "
                  + port
                  + " within "
                  + START_WAIT
                  + ":\n"
                  + Files.readString(log));
        }
        Thread.sleep(50);
      }
    }
  }

  URI endpoint() {
    return endpoint;
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its log. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the log is in the temporary folder: nothing to do
    }
  }
}
