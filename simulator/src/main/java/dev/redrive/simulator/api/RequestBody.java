package dev.redrive.simulator.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while the client is slow: each chunk is taken when
 * Jetty has it ({@link Request#demand}), so a half-sent body costs only its connection, which the
 * connector's idle timeout closes.
 *
 * <p>A body over the limit, declared by {@code Content-Length} or found while reading a chunked
 * one, is read on and discarded up to a total of {@code drainLimit} bytes before the answer goes
 * out: a client that sends its whole body before it reads then sees the 413, where closing the
 * connection with its bytes unread would reset it (TCP RST) and lose the answer. Beyond that bound
 * the connection is closed. A client that asked {@code Expect: 100-continue} is answered at once,
 * since it sends nothing until told to.
 */
final class RequestBody {
  /** A read body: its bytes, or too large (and whether what the client sent is all consumed). */
  record Result(Optional<byte[]> bytes, boolean drained) {
    static Result of(byte[] bytes) {
      return new Result(Optional.of(bytes), true);
    }

    static Result tooLarge(boolean drained) {
      return new Result(Optional.empty(), drained);
    }

    boolean isTooLarge() {
      return bytes.isEmpty();
    }
  }

  private final int limit;
  private final long drainLimit;

  /**
   * @param limit the largest body accepted, in bytes
   * @param drainLimit the most bytes read from a body over the limit before the connection is
   *     closed instead
   */
  RequestBody(int limit, long drainLimit) {
    this.limit = limit;
    this.drainLimit = drainLimit;
  }

  int limit() {
    return limit;
  }

  /**
   * Reads the request's body.
   *
   * @return completed with the body or the verdict "too large"; failed when the client fails (hangs
   *     up, idles out)
   */
  CompletableFuture<Result> read(Request request) {
    CompletableFuture<Result> result = new CompletableFuture<>();
    long declared = request.getLength();
    if (declared > limit) {
      if (request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
        result.complete(Result.tooLarge(false));
      } else if (declared > drainLimit) {
        result.complete(Result.tooLarge(false));
      } else {
        new Reader(request, result, 0, true).run();
      }
      return result;
    }
    int expected = declared > 0 ? (int) declared : 256;
    new Reader(request, result, expected, false).run();
    return result;
  }

  /** The demand loop: reads what is there, asks to be called back when more comes. */
  private final class Reader implements Runnable {
    private final Request request;
    private final CompletableFuture<Result> result;
    private final ByteArrayOutputStream kept;
    private final boolean declaredTooLarge;
    private long total;

    Reader(
        Request request, CompletableFuture<Result> result, int expected, boolean declaredTooLarge) {
      this.request = request;
      this.result = result;
      this.kept = new ByteArrayOutputStream(Math.min(expected, limit));
      this.declaredTooLarge = declaredTooLarge;
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          result.completeExceptionally(chunk.getFailure());
          return;
        }
        ByteBuffer buffer = chunk.getByteBuffer();
        int n = buffer.remaining();
        if (!declaredTooLarge && total + n <= limit) {
          byte[] bytes = new byte[n];
          buffer.get(bytes);
          kept.write(bytes, 0, n);
        } else {
          kept.reset();
        }
        total += n;
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          result.complete(
              !declaredTooLarge && total <= limit
                  ? Result.of(kept.toByteArray())
                  : Result.tooLarge(true));
          return;
        }
        if (total > drainLimit) {
          result.complete(Result.tooLarge(false));
          return;
        }
      }
    }
  }
}
