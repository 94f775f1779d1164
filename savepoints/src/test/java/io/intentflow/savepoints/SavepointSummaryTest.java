package io.intentflow.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SavepointSummaryTest {

    private static SavepointSummary with(SavepointSummary.Trainer trainer) {
        return new SavepointSummary("sp", null, trainer, 0, 0, 0, 0, 0, List.of());
    }

    @Test
    void theTrainerLineSaysWhatTheTrainerHoldsBesideTheLiveModel() {
        String plain = with(new SavepointSummary.Trainer(3, "h", 10, 5, 2, 1, false, false)).toText();
        String both = with(new SavepointSummary.Trainer(3, "h", 10, 5, 2, 1, true, true)).toText();

        assertThat(plain).contains("waiting for the next round 1\n").doesNotContain("shadow").doesNotContain("learning ahead");
        assertThat(both).contains("waiting for the next round 1, a shadow on trial, learning ahead of the live model (from a refused candidate)");
        assertThat(with(new SavepointSummary.Trainer(3, "h", 10, 5, 2, 1, true, true)).toJson())
                .contains("\"shadowOnTrial\":true").contains("\"learningAhead\":true");
    }
}
