package io.intentflow.tools.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.intentflow.model.EventType;
import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Taobao sample in ../shared/data (see its SOURCE.txt), read whole: the counts below were
 * taken from the file with awk, independently of the reader.
 */
class TaobaoSampleTest {

    /** Where the shared data lives, from the module folder; {@code -Dintentflow.data=DIR} moves it. */
    private static final Path SAMPLE =
            Path.of(System.getProperty("intentflow.data", "../../shared/data"), "taobao-userbehavior", "UserBehavior.csv");

    @Test
    void theSampleReadsAsItsSourceDescribesIt() throws Exception {
        assumeTrue(Files.isRegularFile(SAMPLE), "the Taobao sample is not at " + SAMPLE.toAbsolutePath() + ": skipped");

        Datasets.Read read = Datasets.read("taobao", SAMPLE);

        DatasetReport report = read.report();
        assertThat(report.rows()).isEqualTo(84_476);
        assertThat(report.records()).isEqualTo(84_475);
        assertThat(report.clicks()).isEqualTo(Map.of(
                EventType.VIEW, 75_872L, EventType.ADD_TO_CART, 4_497L, EventType.WISHLIST, 2_356L, EventType.PURCHASE, 1_750L));
        assertThat(report.users()).isEqualTo(815);
        assertThat(report.purchases()).isEqualTo(1_750);
        assertThat(report.rejected()).as("only the cut-off last line").isEqualTo(Map.of(Reason.CUT_OFF, 1L));
        assertThat(report.examples().get(Reason.CUT_OFF)).endsWith(":84476: 4 fields, expected 5: 100370,1968385,1875258,pv");

        List<DatasetRecord> records = read.records();
        assertThat(records).hasSize(84_475).extracting(DatasetRecord::ts).isSorted();
        long window = Instant.parse("2017-11-24T16:00:00Z").toEpochMilli();
        assertThat(records.stream().filter(r -> r.ts() < window)).as("out-of-window rows kept").hasSize(35);
        assertThat(report.firstTs()).isEqualTo(Instant.parse("2017-09-11T08:16:39Z").toEpochMilli());
        assertThat(report.lastTs()).isEqualTo(Instant.parse("2017-12-03T15:59:23Z").toEpochMilli());
        assertThat(records).extracting(r -> ((DatasetClick) r).eventId()).doesNotHaveDuplicates();
        assertThat(records.stream().filter(r -> r.userId().equals("100370")))
                .as("the cut-off user's complete rows").hasSize(188);
    }
}
