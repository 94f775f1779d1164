package io.intentflow.tools.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.model.EventType;
import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Rees46FormatTest {

    private static final String HEADER = "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";

    @TempDir Path dir;

    @Test
    void rowsWithCrlfBecomeClicksWithPricesAndFullCategoryIds() throws Exception {
        Path file = Datasets.file(dir, "2019-Oct.csv", String.join("\r\n",
                HEADER,
                "2019-10-01 00:00:05 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c",
                "2019-10-01 00:00:00 UTC,cart,3900821,2053013552326770905,appliances.environment.water_heater,aqua,33.20,554748717,9333dfbd-b87a-4708-9857-6336556b0fcc",
                "2019-10-01 00:00:07 UTC,remove_from_cart,3900821,2053013552326770905,appliances.environment.water_heater,aqua,33.20,554748717,9333dfbd-b87a-4708-9857-6336556b0fcc",
                "2019-10-01 00:01:00 UTC,purchase,1004856,2053013555631882655,electronics.smartphone,samsung,130.76,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c",
                ""));

        Datasets.Read read = Datasets.read("rees46", file);

        assertThat(read.records()).containsExactly(
                new DatasetClick("rees46:2019-Oct.csv:3", "554748717", EventType.ADD_TO_CART, "3900821", "2053013552326770905", 33.20, null,
                        Instant.parse("2019-10-01T00:00:00Z").toEpochMilli()),
                new DatasetClick("rees46:2019-Oct.csv:2", "541312140", EventType.VIEW, "44600062", "2103807459595387724", 35.79, null,
                        Instant.parse("2019-10-01T00:00:05Z").toEpochMilli()),
                new DatasetClick("rees46:2019-Oct.csv:4", "554748717", EventType.REMOVE_FROM_CART, "3900821", "2053013552326770905", 33.20,
                        null, Instant.parse("2019-10-01T00:00:07Z").toEpochMilli()),
                new DatasetClick("rees46:2019-Oct.csv:5", "541312140", EventType.PURCHASE, "1004856", "2053013555631882655", 130.76, null,
                        Instant.parse("2019-10-01T00:01:00Z").toEpochMilli()));
        assertThat(read.report().rows()).as("the header is no row").isEqualTo(4);
        assertThat(read.report().purchases()).isEqualTo(1);
        assertThat(read.report().users()).isEqualTo(2);
    }

    @Test
    void badAndCutOffRowsAreCountedByReason() throws Exception {
        Path file = Datasets.file(dir, "2019-Oct.csv", String.join("\r\n",
                HEADER,
                "2019-10-01 00:02:00 UTC,view,1,2053013555631882655,,,1.00,5,s",
                "2019-10-01T00:02:00Z,view,1,2053013555631882655,,,1.00,5,s",
                "2019-10-01 00:03:00 UTC,wishlist,1,2053013555631882655,,,1.00,5,s",
                "2019-10-01 00:03:00 UTC,view,1,2053013555631882655,,,-1.00,5,s",
                "2019-10-01 00:03:00 UTC,view,1,2053013555631882655,,,1.00,,s",
                "2019-10-01 00:04:00 UTC,view,1,2053013555631882655,,brand,3."));

        Datasets.Read read = Datasets.read("rees46", file);

        assertThat(read.records()).singleElement().extracting(DatasetRecord::userId).isEqualTo("5");
        assertThat(read.report().rejected()).isEqualTo(Map.of(
                Reason.BAD_TIMESTAMP, 1L, Reason.UNKNOWN_TYPE, 1L, Reason.BAD_NUMBER, 1L, Reason.BAD_ID, 1L, Reason.CUT_OFF, 1L));
        assertThat(read.report().examples().get(Reason.CUT_OFF)).startsWith("rees46:2019-Oct.csv:7: 7 fields, expected 9");
    }
}
