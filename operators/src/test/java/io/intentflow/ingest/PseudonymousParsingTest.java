package io.intentflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.privacy.UserIdKeySource;
import io.intentflow.privacy.UserIdPseudonymizer;
import io.intentflow.records.DeadLetter;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.IngestedPurchase;
import io.intentflow.records.RecordOrigin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsers with a user-id key: nothing they emit holds the raw id, except a dead letter's record as it came. */
class PseudonymousParsingTest {

    private static final String KEY = "k3y-0f-f0rty-ch4racters-for-the-tests-0";
    private static final String RAW = "alice@example.com";
    private static final long NOW = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
    private static final RecordOrigin ORIGIN = new RecordOrigin("clicks", 0, 7L);

    @TempDir Path dir;

    private UserIdKeySource keys;
    private String pseudonym;

    @BeforeEach
    void keyFile() throws Exception {
        keys = UserIdKeySource.of(Files.writeString(dir.resolve("user-id.key"), KEY + "\n").toString());
        pseudonym = UserIdPseudonymizer.keyed(KEY.getBytes(StandardCharsets.UTF_8)).pseudonym(RAW);
    }

    @Test
    void aValidClickAndAValidOrderCarryThePseudonym() {
        IngestedClick click = parse(new ClickParser(InputLimits.defaults(), keys),
                "{\"eventId\":\"e1\",\"userId\":\"" + RAW + "\",\"type\":\"view\",\"ts\":" + NOW + "}");
        IngestedPurchase order = parse(new PurchaseParser(InputLimits.defaults(), keys),
                "{\"orderId\":\"o1\",\"userId\":\"" + RAW + "\",\"ts\":" + NOW + ",\"amount\":3.5}");

        assertThat(click.click().userId()).isEqualTo(pseudonym).isNotEqualTo(RAW);
        assertThat(order.purchase().userId()).isEqualTo(pseudonym);
    }

    @Test
    void aDeadLetterWhoseUserIdParsesCarriesThePseudonymBesideTheRecordAsItCame() {
        String record = "{\"eventId\":\"e1\",\"userId\":\"" + RAW + "\",\"type\":\"teleport\",\"ts\":" + NOW + "}";

        DeadLetter letter = parse(new ClickParser(InputLimits.defaults(), keys), record).deadLetter();

        assertThat(letter.reason()).isEqualTo(DeadLetterReason.UNKNOWN_TYPE);
        assertThat(letter.userId()).isEqualTo(pseudonym);
        assertThat(letter.payload()).as("the record as it came").isEqualTo(record);
    }

    @Test
    void aDeadLetterWithoutAValidUserIdHasNone() {
        ClickParser parser = new ClickParser(InputLimits.defaults(), keys);

        assertThat(parse(parser, "{\"eventId\":\"e1\",\"userId\":42,\"type\":\"view\",\"ts\":" + NOW + "}").deadLetter().userId()).isNull();
        assertThat(parse(parser, "{\"userId\":\"" + RAW + "\"").deadLetter().userId()).as("not JSON").isNull();
    }

    @Test
    void aKeyThatCannotBeReadFailsTheParserAtOpenWithoutRestarts() {
        ClickParser parser = new ClickParser(InputLimits.defaults(), UserIdKeySource.of(dir.resolve("absent.key").toString()));

        assertThatThrownBy(parser::open)
                .isInstanceOf(SuppressRestartsException.class)
                .rootCause()
                .hasMessageContaining("privacy.user-id-key-file")
                .hasMessageContaining("absent.key");
    }

    private static <I> I parse(RecordParser<?, I> parser, String json) {
        parser.open();
        return parser.parse(RAW.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), ORIGIN, NOW);
    }
}
