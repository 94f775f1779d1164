package io.intentflow.tools.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.model.EventType;
import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaobaoFormatTest {

    @TempDir Path dir;

    @Test
    void rowsGroupedByUserComeOutAsClicksInEventTimeOrder() throws Exception {
        Path file = Datasets.file(dir, "UserBehavior.csv", """
                1,2268318,2520377,pv,1511544070
                1,2333346,2520771,cart,1511561733
                2,100,200,buy,1511544000
                2,101,200,fav,1511544070
                3,7,8,pv,1505117799
                """);

        Datasets.Read read = Datasets.read("taobao", file);

        assertThat(read.records()).extracting(r -> ((DatasetClick) r).eventId()).containsExactly(
                "taobao:UserBehavior.csv:5", "taobao:UserBehavior.csv:3",
                "taobao:UserBehavior.csv:1", "taobao:UserBehavior.csv:4", // the same second: file order
                "taobao:UserBehavior.csv:2");
        assertThat(read.records().get(2)).isEqualTo(new DatasetClick(
                "taobao:UserBehavior.csv:1", "1", EventType.VIEW, "2268318", "2520377", null, null,
                Instant.parse("2017-11-24T17:21:10Z").toEpochMilli()));
        assertThat(read.records()).extracting(r -> ((DatasetClick) r).type()).containsExactly(
                EventType.VIEW, EventType.PURCHASE, EventType.VIEW, EventType.WISHLIST, EventType.ADD_TO_CART);
        assertThat(read.report().clicks()).isEqualTo(Map.of(
                EventType.VIEW, 2L, EventType.ADD_TO_CART, 1L, EventType.WISHLIST, 1L, EventType.PURCHASE, 1L));
        assertThat(read.report().users()).isEqualTo(3);
        assertThat(read.report().purchases()).isEqualTo(1);
        assertThat(read.report().firstTs()).as("a stray row two months early is kept: the job decides")
                .isEqualTo(Instant.parse("2017-09-11T08:16:39Z").toEpochMilli());
    }

    @Test
    void badAndCutOffRowsAreCountedByReasonAndTheReadGoesOn() throws Exception {
        Path file = Datasets.file(dir, "UserBehavior.csv", """
                1,2268318,2520377,pv,1511544070
                3,1,2,click,1511544100
                4,1,2,pv,15115440x
                5,,2,pv,1511544100
                7,1,2,pv,946684799

                8,1,2,buy,1511544200
                100370,1968385,1875258,pv""");

        Datasets.Read read = Datasets.read("taobao", file);

        assertThat(read.records()).extracting(DatasetRecord::userId).containsExactly("1", "8");
        assertThat(read.report().rows()).isEqualTo(8);
        assertThat(read.report().rejected()).isEqualTo(Map.of(
                Reason.UNKNOWN_TYPE, 1L, Reason.BAD_TIMESTAMP, 2L, Reason.BAD_ID, 1L, Reason.FIELD_COUNT, 1L, Reason.CUT_OFF, 1L));
        assertThat(read.report().examples().get(Reason.CUT_OFF))
                .isEqualTo("taobao:UserBehavior.csv:8: 4 fields, expected 5: 100370,1968385,1875258,pv");
        assertThat(read.report().examples().get(Reason.BAD_TIMESTAMP)).startsWith("taobao:UserBehavior.csv:3: ");
        assertThat(read.report().summary()).contains("rejected=6", "rejected cut_off=1, first: taobao:UserBehavior.csv:8");
    }
}
