package dev.redrive.simulator.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostedQueuesTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-08T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private final ManualClock clock = new ManualClock();
  private final HostedQueues queues =
      new HostedQueues("111111111111", "us-east-1", () -> "http://127.0.0.1:8083", clock);

  @AfterEach
  void close() {
    queues.close();
  }

  private List<HostedQueues.Message> receiveNow(String url, int max) {
    return queues.receive(url, max, Optional.empty(), Optional.of(0)).join();
  }

  @Test
  void queueUrlsUseTheEndpointAndAccountAndAwsUrlsNameTheSameQueue() {
    String url = queues.create("orders", Map.of());
    assertThat(url).isEqualTo("http://127.0.0.1:8083/111111111111/orders");
    assertThat(queues.urlOf("orders")).isEqualTo(url);
    assertThat(queues.hosts("https://sqs.us-east-1.amazonaws.com/111111111111/orders")).isTrue();
    assertThat(queues.hosts("https://sqs.us-east-1.amazonaws.com/222222222222/orders")).isFalse();
    assertThat(queues.list("ord")).containsExactly(url);
    assertThat(queues.list("x")).isEmpty();
  }

  @Test
  void aReceivedMessageIsHiddenUntilItsVisibilityTimeoutEnds() {
    String url = queues.create("q", Map.of("VisibilityTimeout", "10"));
    queues.send(url, "hello");
    List<HostedQueues.Message> first = receiveNow(url, 10);
    assertThat(first).extracting(HostedQueues.Message::body).containsExactly("hello");
    assertThat(first.get(0).md5OfBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    assertThat(receiveNow(url, 10)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    List<HostedQueues.Message> again = receiveNow(url, 10);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).receiveCount()).isEqualTo(2);
    assertThat(again.get(0).receiptHandle()).isNotEqualTo(first.get(0).receiptHandle());
  }

  @Test
  void aDeletedMessageNeverComesBack() {
    String url = queues.create("q", Map.of("VisibilityTimeout", "1"));
    queues.send(url, "a");
    HostedQueues.Message m = receiveNow(url, 1).get(0);
    queues.deleteMessage(url, m.receiptHandle());
    clock.advance(Duration.ofSeconds(5));
    assertThat(receiveNow(url, 10)).isEmpty();
    queues.deleteMessage(url, m.receiptHandle());
  }

  @Test
  void aMalformedReceiptHandleIsRefused() {
    String url = queues.create("q", Map.of());
    assertThatThrownBy(() -> queues.deleteMessage(url, "not-a-handle"))
        .isInstanceOf(SqsException.class)
        .hasMessageContaining("\"not-a-handle\" is not a valid receipt handle");
  }

  @Test
  void delayedMessagesAppearAfterTheirDelay() {
    String url = queues.create("q", Map.of());
    queues.send(url, "later", new TreeMap<>(), Optional.of(30));
    assertThat(receiveNow(url, 1)).isEmpty();
    assertThat(queues.attributes(url)).containsEntry("ApproximateNumberOfMessagesDelayed", "1");
    clock.advance(Duration.ofSeconds(30));
    assertThat(receiveNow(url, 1)).hasSize(1);
  }

  @Test
  void changeVisibilityToZeroMakesTheMessageVisibleAtOnce() {
    String url = queues.create("q", Map.of());
    queues.send(url, "a");
    HostedQueues.Message m = receiveNow(url, 1).get(0);
    queues.changeVisibility(url, m.receiptHandle(), 0);
    assertThat(receiveNow(url, 1)).hasSize(1);
  }

  @Test
  void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
    String dlq = queues.create("dlq", Map.of());
    String arn = queues.attributes(dlq).get("QueueArn");
    String url =
        queues.create(
            "work",
            Map.of(
                "VisibilityTimeout",
                "1",
                "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":2}"));
    queues.send(url, "poison");
    for (int i = 0; i < 2; i++) {
      assertThat(receiveNow(url, 1)).hasSize(1);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(receiveNow(url, 1)).isEmpty();
    assertThat(receiveNow(dlq, 1)).extracting(HostedQueues.Message::body).containsExactly("poison");
  }

  @Test
  void aLongPollIsAnsweredByTheNextSend() throws Exception {
    String url = queues.create("q", Map.of());
    CompletableFuture<List<HostedQueues.Message>> poll =
        queues.receive(url, 1, Optional.empty(), Optional.of(20));
    assertThat(poll).isNotDone();
    queues.send(url, "token");
    assertThat(poll.get(5, TimeUnit.SECONDS))
        .extracting(HostedQueues.Message::body)
        .containsExactly("token");
  }

  @Test
  void aLongPollEndsEmptyWhenItsWaitEnds() throws Exception {
    String url = queues.create("q", Map.of());
    CompletableFuture<List<HostedQueues.Message>> poll =
        queues.receive(url, 1, Optional.empty(), Optional.of(1));
    assertThat(poll.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void creatingAnExistingQueueWithOtherAttributesIsRefused() {
    queues.create("q", Map.of("VisibilityTimeout", "5"));
    assertThat(queues.create("q", Map.of("VisibilityTimeout", "5"))).endsWith("/q");
    assertThatThrownBy(() -> queues.create("q", Map.of("VisibilityTimeout", "6")))
        .isInstanceOf(SqsException.class)
        .extracting(e -> ((SqsException) e).type())
        .isEqualTo("QueueNameExists");
  }

  @Test
  void badAttributesAndNamesSayWhatWasExpected() {
    assertThatThrownBy(() -> queues.create("q", Map.of("VisibilityTimeout", "99999")))
        .hasMessageContaining("VisibilityTimeout")
        .hasMessageContaining("between 0 and 43200");
    assertThatThrownBy(() -> queues.create("bad name", Map.of()))
        .hasMessageContaining("alphanumeric");
    assertThatThrownBy(() -> queues.create("q.fifo", Map.of()))
        .hasMessageContaining("--sqs-endpoint");
    assertThatThrownBy(() -> queues.create("q", Map.of("Nope", "1")))
        .hasMessageContaining("Unknown Attribute Nope");
    assertThatThrownBy(() -> queues.send("http://x/111111111111/missing", "a"))
        .extracting(e -> ((SqsException) e).queryCode())
        .isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
  }

  @Test
  void messageAttributeDigestIsSqsEncoding() {
    TreeMap<String, MessageAttribute> attrs = new TreeMap<>();
    attrs.put("a", new MessageAttribute("String", "b", null));
    // name "a" (len 1), type "String" (len 6), transport 1, value "b" (len 1)
    byte[] expected = {
      0, 0, 0, 1, 'a', 0, 0, 0, 6, 'S', 't', 'r', 'i', 'n', 'g', 1, 0, 0, 0, 1, 'b'
    };
    assertThat(MessageMd5.ofAttributes(attrs))
        .isEqualTo(java.util.HexFormat.of().formatHex(md5(expected)));
  }

  private static byte[] md5(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("MD5").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
