package io.intentflow.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.intentflow.learn.RecentPurchase;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.UserContext;
import io.intentflow.model.features.UserHistory;
import io.intentflow.score.SessionScoringState;
import io.intentflow.session.SessionAccumulator;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Records and state must never fall back to Kryo, or savepoints break on the next change. */
class RecordTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {
        Click.class, IngestedClick.class, SessionAccumulator.class, SessionEvent.class,
        DeadLetter.class, Purchase.class, RecordOrigin.class, SessionScoringState.class, SessionPrefix.class,
        LabelledExample.class, TrainerState.class, UserContext.class, UserHistory.class,
        IntentExplanation.class, EventAttribution.class, GroupAttribution.class, IntentScore.class, RecentPurchase.class
    })
    void isAPojoWithoutGenericFields(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);

        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        assertThatCode(() -> info.createSerializer(config)).doesNotThrowAnyException();
    }
}
