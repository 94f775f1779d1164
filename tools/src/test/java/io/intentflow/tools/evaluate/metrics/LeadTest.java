package io.intentflow.tools.evaluate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.EventType;
import io.intentflow.tools.evaluate.ScoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeadTest {

    @Test
    void theOnlineModelsLeadIsItsMetricMinusTheOthersWithAPairedInterval() {
        Random random = new Random(3);
        List<ScoredEvent> online = new ArrayList<>();
        List<ScoredEvent> other = new ArrayList<>();
        for (int u = 0; u < 300; u++) {
            for (int k = 0; k < 4; k++) {
                boolean label = random.nextDouble() < 0.2;
                double signal = random.nextGaussian() + (label ? 1 : 0);
                double noise = random.nextGaussian();
                online.add(event("u" + u, k, 0.5 * signal + 0.1 * noise, label));
                other.add(event("u" + u, k, 0.5 * signal + 0.6 * noise, label));
            }
        }
        Bootstrap bootstrap = new Bootstrap(500, 2021);

        Lead lead = Lead.of(online, other, bootstrap);

        Metrics a = Metrics.of(online, 0.7, bootstrap);
        Metrics b = Metrics.of(other, 0.7, bootstrap);
        assertThat(lead.auc()).isCloseTo(a.auc() - b.auc(), within(1e-12));
        assertThat(lead.prAuc()).isCloseTo(a.prAuc() - b.prAuc(), within(1e-12));
        assertThat(lead.aucInterval().low()).as("the online model ranks better: its lead's interval is above 0").isPositive();
        assertThat(lead.prAucInterval().low()).isPositive();
        assertThat(lead.auc()).isBetween(lead.aucInterval().low(), lead.aucInterval().high());
        assertThat(Lead.of(other, online, bootstrap).aucInterval().high()).as("and the other way round, below").isNegative();
    }

    private static ScoredEvent event(String user, int k, double score, boolean label) {
        return new ScoredEvent(user, user + "-s", k + 1, 1_000_000L * k, EventType.VIEW, 1 / (1 + Math.exp(-score)), label, 1);
    }
}
