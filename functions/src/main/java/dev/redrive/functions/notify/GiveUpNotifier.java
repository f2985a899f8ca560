package dev.redrive.functions.notify;

/** Tells the world the controller gave up on an execution. */
public interface GiveUpNotifier {
  /** The detail-type of the event published for every give-up. */
  String DETAIL_TYPE = "Step Functions Redrive Given Up";

  /**
   * Publishes the notice.
   *
   * @param alsoMessage true when the policy's {@code onGiveUp} is {@code notify}: besides the
   *     event, send the optional SNS message
   * @throws RuntimeException when publishing failed: the record goes back to the queue
   */
  void givenUp(GiveUpNotice notice, boolean alsoMessage);
}
