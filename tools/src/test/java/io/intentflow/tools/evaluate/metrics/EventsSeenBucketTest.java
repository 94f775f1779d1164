package io.intentflow.tools.evaluate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventsSeenBucketTest {

    @Test
    void everyCountHasExactlyOneBucket() {
        assertThat(EventsSeenBucket.of(1).label()).isEqualTo("1");
        assertThat(EventsSeenBucket.of(3).label()).isEqualTo("3");
        assertThat(EventsSeenBucket.of(4).label()).isEqualTo("4-5");
        assertThat(EventsSeenBucket.of(5).label()).isEqualTo("4-5");
        assertThat(EventsSeenBucket.of(10).label()).isEqualTo("6-10");
        assertThat(EventsSeenBucket.of(11).label()).isEqualTo("11-19");
        assertThat(EventsSeenBucket.of(19).label()).isEqualTo("11-19");
        assertThat(EventsSeenBucket.of(20).label()).isEqualTo("20+");
        assertThat(EventsSeenBucket.of(5000).label()).isEqualTo("20+");
        assertThatThrownBy(() -> EventsSeenBucket.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
