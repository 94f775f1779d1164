package io.intentflow.tools.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.model.EventType;
import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YoochooseFormatTest {

    @TempDir Path dir;

    @Test
    void clicksAreViewsAndBuysAreOrdersOfTheSessionInOneEventTimeOrder() throws Exception {
        Path clicks = Datasets.file(dir, "yoochoose-clicks.dat", """
                1,2014-04-07T10:51:09.277Z,214536502,0
                3,2014-04-02T13:17:46.940Z,214716935,2058729021
                3,2014-04-02T13:26:02.515Z,214821371,S
                """);
        Datasets.file(dir, "yoochoose-buys.dat", """
                3,2014-04-02T13:30:25.000Z,214716935,1046,2
                3,2014-04-02T13:30:25.000Z,214821371,0,0
                """);

        Datasets.Read read = Datasets.read("yoochoose", clicks);

        long buyTs = Instant.parse("2014-04-02T13:30:25Z").toEpochMilli();
        assertThat(read.records()).containsExactly(
                new DatasetClick("yoochoose:yoochoose-clicks.dat:2", "3", EventType.VIEW, "214716935", "2058729021", null, null,
                        Instant.parse("2014-04-02T13:17:46.940Z").toEpochMilli()),
                new DatasetClick("yoochoose:yoochoose-clicks.dat:3", "3", EventType.VIEW, "214821371", "S", null, null,
                        Instant.parse("2014-04-02T13:26:02.515Z").toEpochMilli()),
                new DatasetOrder("yoochoose:yoochoose-buys.dat:1", "3", buyTs, 2092.0, List.of("214716935")),
                new DatasetOrder("yoochoose:yoochoose-buys.dat:2", "3", buyTs, 0.0, List.of("214821371")),
                new DatasetClick("yoochoose:yoochoose-clicks.dat:1", "1", EventType.VIEW, "214536502", null, null, null,
                        Instant.parse("2014-04-07T10:51:09.277Z").toEpochMilli()));
        assertThat(read.report().orders()).isEqualTo(2);
        assertThat(read.report().purchases()).isEqualTo(2);
        assertThat(read.report().users()).as("sessions stand in for users").isEqualTo(2);
        assertThat(read.report().summary()).contains("yoochoose yoochoose-clicks.dat+yoochoose-buys.dat", "orders=2");
    }

    @Test
    void badRowsOfEitherFileAreCountedByReason() throws Exception {
        Path clicks = Datasets.file(dir, "yoochoose-clicks.dat", """
                1,2014-04-07T10:51:09.277Z,214536502,0
                4,2014/04/02 13:26,214716935,0
                ,2014-04-07T10:51:09.277Z,214536502,0
                """);
        Datasets.file(dir, "yoochoose-buys.dat", """
                5,2014-04-02T13:40:00.000Z,1,-5,1
                5,2014-04-02T13:40:00.000Z,1,5,x
                5,2014-04-02T13:40:00.000Z,1,5
                5,2014-04-02T13:40:00.000Z,1,5,1
                """);

        Datasets.Read read = Datasets.read("yoochoose", clicks);

        assertThat(read.records()).hasSize(2);
        assertThat(read.report().rejected()).isEqualTo(Map.of(
                Reason.BAD_TIMESTAMP, 1L, Reason.BAD_ID, 1L, Reason.BAD_NUMBER, 2L, Reason.FIELD_COUNT, 1L));
        assertThat(read.report().examples().get(Reason.FIELD_COUNT)).startsWith("yoochoose:yoochoose-buys.dat:3: ");
    }

    @Test
    void theBuysFileMustBeBesideTheClicks() {
        Path clicks = Datasets.file(dir, "yoochoose-clicks.dat", "1,2014-04-07T10:51:09.277Z,214536502,0\n");

        assertThatThrownBy(() -> Datasets.read("yoochoose", clicks))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yoochoose-buys.dat");
    }
}
