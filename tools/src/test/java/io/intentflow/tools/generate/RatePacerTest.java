package io.intentflow.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatePacerTest {

    @Test
    void holdsTheRate() throws InterruptedException {
        RatePacer pacer = new RatePacer(2000);
        long start = System.nanoTime();
        for (int i = 0; i < 600; i++) {
            pacer.acquire();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // 600 permits at 2000/s: 300 ms less the first batch, which goes at once.
        assertThat(millis).isBetween(270L, 3_000L);
    }
}
