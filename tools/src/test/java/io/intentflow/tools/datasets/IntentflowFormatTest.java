package io.intentflow.tools.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.model.EventType;
import io.intentflow.tools.datasets.RejectedRow.Reason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentflowFormatTest {

    private static final long TS = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();

    @TempDir Path dir;

    @Test
    void clicksAndOrdersKeepTheirOwnIdsAndFields() throws Exception {
        Path file = Datasets.file(dir, "sim.jsonl", """
                {"orderId":"o-1","userId":"u1","ts":%3$d,"amount":37.5,"items":["i7","i8"]}
                {"eventId":"e-1","userId":"u1","type":"add_to_cart","itemId":"i7","categoryId":"c2","price":12.5,"query":null,"ts":%1$d}
                {"eventId":"e-2","userId":"u2","type":"search","itemId":null,"categoryId":null,"price":null,"query":"\\"orderId\\":","ts":%2$d}
                """.formatted(TS, TS + 1000, TS + 2000));

        Datasets.Read read = Datasets.read("intentflow", file);

        assertThat(read.records()).containsExactly(
                new DatasetClick("e-1", "u1", EventType.ADD_TO_CART, "i7", "c2", 12.5, null, TS),
                new DatasetClick("e-2", "u2", EventType.SEARCH, null, null, 0.0, "\"orderId\":", TS + 1000),
                new DatasetOrder("o-1", "u1", TS + 2000, 37.5, List.of("i7", "i8")));
        assertThat(read.report().orders()).isEqualTo(1);
        assertThat(read.report().rejectedRows()).isZero();
    }

    @Test
    void aLineTheJobWouldDeadLetterIsRejectedWithTheJobsReason() throws Exception {
        String click = "{\"eventId\":\"e-1\",\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"i1\",\"price\":%s,\"ts\":%d%s}";
        Path file = Datasets.file(dir, "sim.jsonl", String.join("\n",
                click.formatted("1", TS, ""),
                "{\"eventId\":\"e-2\",\"userId\":\"u1\",\"type\":\"vi",
                "",
                "[" + click.formatted("1", TS, "") + "]",
                "{\"eventId\":\"e-3\",\"userId\":\" \",\"type\":\"view\",\"ts\":" + TS + "}",
                "{\"eventId\":\"e-4\",\"userId\":\"u1\",\"type\":\"scroll\",\"ts\":" + TS + "}",
                click.formatted("-1", TS, ""),
                click.formatted("\"12\"", TS, ""),
                click.formatted("1", 915_148_800_000L, ""),
                click.formatted("1", TS, ",\"query\":\"" + "x".repeat(70_000) + "\""),
                "{\"orderId\":\"o-1\",\"userId\":\"u1\",\"ts\":" + TS + ",\"amount\":-3}",
                "{\"orderId\":\"o-2\",\"userId\":\"u1\",\"ts\":" + TS + ",\"items\":\"i1\"}") + "\n");

        Datasets.Read read = Datasets.read("intentflow", file);

        assertThat(read.records()).hasSize(1);
        assertThat(read.report().rejected()).isEqualTo(Map.of(
                Reason.NOT_JSON, 3L, Reason.BAD_FIELD, 2L, Reason.UNKNOWN_TYPE, 1L, Reason.BAD_NUMBER, 3L,
                Reason.BAD_TIMESTAMP, 1L, Reason.OVERSIZE, 1L));
        assertThat(read.report().examples().get(Reason.BAD_FIELD))
                .startsWith("intentflow:sim.jsonl:5: missing_field: field 'userId' is missing or blank");
        assertThat(read.report().examples().get(Reason.BAD_NUMBER)).contains("field 'price' must be finite and not negative");
        assertThat(read.report().summary()).contains("rejected not_json=3", "rejected oversize=1");
    }
}
