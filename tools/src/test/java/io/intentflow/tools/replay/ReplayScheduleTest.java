package io.intentflow.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayScheduleTest {

    private static final long WALL = 1_800_000_000_000L;
    private static final long TS = 1_511_544_070_000L;

    @Test
    void atSixtyTimesRealTimeAnHourOfEventsTakesAMinute() {
        ReplaySchedule schedule = new ReplaySchedule(60, Duration.ofMinutes(5), WALL);

        assertThat(schedule.dueAt(TS)).as("the first record at once").isEqualTo(WALL);
        assertThat(schedule.dueAt(TS + 3_000)).isEqualTo(WALL + 50);
        assertThat(schedule.dueAt(TS + 3_000)).as("the same time, due together").isEqualTo(WALL + 50);
        assertThat(schedule.dueAt(TS + 60_000)).isEqualTo(WALL + 1_000);
        assertThat(schedule.dueAt(TS + 3_600_000)).isEqualTo(WALL + 60_000);
    }

    @Test
    void aLongPauseIsCutToTheMaximumAndTheRestKeepsItsPace() {
        ReplaySchedule schedule = new ReplaySchedule(60, Duration.ofSeconds(5), WALL);
        long afterTwoMonths = TS + Duration.ofDays(60).toMillis();

        schedule.dueAt(TS);

        assertThat(schedule.dueAt(afterTwoMonths)).as("two months of nothing").isEqualTo(WALL + 5_000);
        assertThat(schedule.dueAt(afterTwoMonths + 60_000)).isEqualTo(WALL + 6_000);
    }
}
