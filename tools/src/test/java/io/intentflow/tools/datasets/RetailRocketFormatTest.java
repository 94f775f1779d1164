package io.intentflow.tools.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.model.EventType;
import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetailRocketFormatTest {

    @TempDir Path dir;

    @Test
    void eventsBecomeClicksInEventTimeOrderAndRepeatedRowsStayApart() throws Exception {
        Path file = Datasets.file(dir, "events.csv", """
                timestamp,visitorid,event,itemid,transactionid
                1433221332117,257597,view,355908,
                1433224214164,992329,view,248676,
                1433221999827,111016,addtocart,32882,
                1433222276276,483717,transaction,253185,4000
                1433221332117,257597,view,355908,
                1433223236124,287857,addtocart,5206,""");

        Datasets.Read read = Datasets.read("retailrocket", file);

        assertThat(read.records()).hasSize(6).first().isEqualTo(
                new DatasetClick("retailrocket:events.csv:2", "257597", EventType.VIEW, "355908", null, null, null, 1433221332117L));
        assertThat(read.records()).as("the same row twice is two events with their own ids").extracting(r -> ((DatasetClick) r).eventId())
                .startsWith("retailrocket:events.csv:2", "retailrocket:events.csv:6");
        assertThat(read.records()).extracting(DatasetRecord::ts).isSorted();
        assertThat(read.report().clicks()).isEqualTo(Map.of(EventType.VIEW, 3L, EventType.ADD_TO_CART, 2L, EventType.PURCHASE, 1L));
        assertThat(read.report().rejected()).as("a complete last line without its line end is no cut-off").isEmpty();
    }

    @Test
    void badRowsAreCountedByReason() throws Exception {
        Path file = Datasets.file(dir, "events.csv", """
                timestamp,visitorid,event,itemid,transactionid
                1433222147345,287857,click,1,
                1433222147345,287857,view,1
                143322214734x,287857,view,1,
                1433222147,287857,view,1,
                1433222147345,287857,view,1,
                """);

        Datasets.Read read = Datasets.read("retailrocket", file);

        assertThat(read.records()).hasSize(1);
        assertThat(read.report().rejected()).as("seconds for milliseconds is 1970").isEqualTo(Map.of(
                Reason.UNKNOWN_TYPE, 1L, Reason.FIELD_COUNT, 1L, Reason.BAD_TIMESTAMP, 2L));
    }
}
