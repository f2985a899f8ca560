package dev.redrive.functions.testing;

import dev.redrive.functions.notify.GiveUpNotice;
import dev.redrive.functions.notify.GiveUpNotifier;
import java.util.ArrayList;
import java.util.List;

/** Keeps every give-up notice, for assertions. */
public final class RecordingNotifier implements GiveUpNotifier {
  private final List<GiveUpNotice> notices = new ArrayList<>();

  @Override
  public synchronized void givenUp(GiveUpNotice notice, boolean alsoMessage) {
    notices.add(notice);
  }

  public synchronized List<GiveUpNotice> notices() {
    return List.copyOf(notices);
  }
}
