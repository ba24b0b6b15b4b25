package io.bayestune.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When prepared suggestions are made again: after every result early on, once results grew by a tenth later. */
class SuggestionPreparerTest {
  @Test
  void thePoolIsMadeAgainOnceTheResultsGrewByATenth() {
    assertTrue(SuggestionPreparer.stale(-1, 0), "unknown (an older state): made again");
    assertFalse(SuggestionPreparer.stale(0, 0));
    assertTrue(SuggestionPreparer.stale(0, 1));
    assertTrue(SuggestionPreparer.stale(9, 10));
    assertFalse(SuggestionPreparer.stale(500, 549));
    assertTrue(SuggestionPreparer.stale(500, 550));
    assertTrue(SuggestionPreparer.stale(500, 499), "an observation was deleted");
  }
}
