package io.bayestune.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The rule for when a prepared suggestion is stale: for many clients once the results grew by a tenth, for a serial
 * experiment after any result (how the service acts on it: {@link PreparedSuggestionFreshnessTest}).
 */
class PreparedFreshnessTest {
  @Test
  void thePoolIsMadeAgainOnceTheResultsGrewByATenth() {
    assertTrue(PreparedFreshness.grewByATenth(-1, 0), "unknown: made again");
    assertFalse(PreparedFreshness.grewByATenth(0, 0));
    assertTrue(PreparedFreshness.grewByATenth(0, 1));
    assertTrue(PreparedFreshness.grewByATenth(9, 10));
    assertFalse(PreparedFreshness.grewByATenth(500, 549));
    assertTrue(PreparedFreshness.grewByATenth(500, 550));
    assertTrue(PreparedFreshness.grewByATenth(500, 499), "an observation was deleted");
  }

  @Test
  void withMoreBandwidthAnOutdatedSuggestionIsStillHandedOutWhileItIsMadeAgain() {
    assertEquals(PreparedFreshness.FRESH, PreparedFreshness.of(3, 24, 25), "less than a tenth more: kept");
    PreparedFreshness outdated = PreparedFreshness.of(3, 6, 7);
    assertEquals(PreparedFreshness.OUTDATED, outdated);
    assertTrue(outdated.stale());
    assertTrue(outdated.fitToHandOut());
    assertFalse(outdated.replaceEvenWhileRequestsWait());
    assertEquals(PreparedFreshness.OUTDATED, PreparedFreshness.of(16, -1, 0), "unknown count: made again");
  }

  @Test
  void aSerialExperimentsSuggestionIsUnfitAfterAnyResultSinceItWasPrepared() {
    assertEquals(PreparedFreshness.FRESH, PreparedFreshness.of(1, 24, 24));
    for (int[] c : new int[][] {{24, 25}, {500, 501}, {24, 23}, {-1, 0}}) {
      PreparedFreshness unfit = PreparedFreshness.of(1, c[0], c[1]);
      assertEquals(PreparedFreshness.UNFIT, unfit, "prepared at " + c[0] + ", now " + c[1] + " results");
      assertTrue(unfit.stale());
      assertFalse(unfit.fitToHandOut());
      assertTrue(unfit.replaceEvenWhileRequestsWait());
    }
    assertFalse(PreparedFreshness.FRESH.stale());
    assertTrue(PreparedFreshness.FRESH.fitToHandOut());
  }
}
