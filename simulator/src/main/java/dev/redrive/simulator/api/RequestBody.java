package dev.redrive.simulator.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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
  /** What reading found. */
  enum Verdict {
    /** The body, within the limit and admitted. */
    READ,
    /** Over the size limit: 413. */
    TOO_LARGE,
    /** Did not fit in what {@link Admission} had left: {@code ThrottlingException}. */
    THROTTLED
  }

  /**
   * A read body: its bytes (for {@link Verdict#READ}), whether what the client sent is all
   * consumed, and how many bytes it holds in the {@link Admission} until {@link #release}d.
   */
  record Result(Verdict verdict, byte[] bytes, boolean drained, long held) {
    static Result refused(Verdict verdict, boolean drained) {
      return new Result(verdict, new byte[0], drained, 0);
    }
  }

  private final int limit;
  private final long drainLimit;
  private final Admission admission;

  /**
   * @param limit the largest body accepted, in bytes
   * @param drainLimit the most bytes read from a body over the limit before the connection is
   *     closed instead
   */
  RequestBody(int limit, long drainLimit, Admission admission) {
    this.limit = limit;
    this.drainLimit = drainLimit;
    this.admission = admission;
  }

  /** Gives back the bytes a result holds, once its answer is written. */
  void release(Result result) {
    admission.release(result.held());
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
    boolean expectsContinue =
        request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
    if (declared > limit) {
      if (expectsContinue || declared > drainLimit) {
        result.complete(Result.refused(Verdict.TOO_LARGE, false));
      } else {
        new Reader(request, result, 0, Verdict.TOO_LARGE, 0).run();
      }
      return result;
    }
    // A declared body is admitted as a whole before it is read; a chunked one as it arrives.
    long reserved = Math.max(0, declared);
    if (!admission.tryHold(reserved)) {
      if (expectsContinue || declared > drainLimit) {
        result.complete(Result.refused(Verdict.THROTTLED, false));
      } else {
        new Reader(request, result, 0, Verdict.THROTTLED, 0).run();
      }
      return result;
    }
    int expected = declared > 0 ? (int) declared : 256;
    new Reader(request, result, expected, Verdict.READ, reserved).run();
    return result;
  }

  /** The demand loop: reads what is there, asks to be called back when more comes. */
  private final class Reader implements Runnable {
    private final Request request;
    private final CompletableFuture<Result> result;
    private final ByteArrayOutputStream kept;
    private Verdict verdict;
    private long held;
    private long total;

    /**
     * @param verdict {@link Verdict#READ} to keep the bytes; otherwise the refusal already decided,
     *     the body only drained
     * @param held bytes already held in the admission for this body
     */
    Reader(
        Request request,
        CompletableFuture<Result> result,
        int expected,
        Verdict verdict,
        long held) {
      this.request = request;
      this.result = result;
      this.kept = new ByteArrayOutputStream(Math.min(expected, limit));
      this.verdict = verdict;
      this.held = held;
    }

    private void refuse(Verdict refusal) {
      verdict = refusal;
      kept.reset();
      admission.release(held);
      held = 0;
    }

    private void finish(boolean drained) {
      result.complete(
          verdict == Verdict.READ
              ? new Result(Verdict.READ, kept.toByteArray(), true, held)
              : Result.refused(verdict, drained));
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
          admission.release(held);
          held = 0;
          result.completeExceptionally(chunk.getFailure());
          return;
        }
        ByteBuffer buffer = chunk.getByteBuffer();
        int n = buffer.remaining();
        total += n;
        if (verdict == Verdict.READ && total > limit) {
          refuse(Verdict.TOO_LARGE);
        }
        if (verdict == Verdict.READ && total > held && !admission.tryHold(total - held)) {
          refuse(Verdict.THROTTLED);
        } else if (verdict == Verdict.READ && total > held) {
          held = total;
        }
        if (verdict == Verdict.READ) {
          byte[] bytes = new byte[n];
          buffer.get(bytes);
          kept.write(bytes, 0, n);
        }
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          finish(true);
          return;
        }
        if (total > drainLimit) {
          finish(false);
          return;
        }
      }
    }
  }
}
