package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.model.training.LabelledSession;
import io.intentflow.model.training.LabelledSessionCodec;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelledSessionCodecTest {

    @Test
    void sessionsComeBackExactlyAndInOrder() throws IOException {
        List<LabelledSession> sessions = SyntheticSessions.of(new Random(5), 300);

        byte[] bytes = LabelledSessionCodec.encode(sessions);
        List<LabelledSession> decoded = LabelledSessionCodec.decode(bytes);

        assertThat(LabelledSessionCodec.count(bytes)).isEqualTo(300);
        assertThat(decoded).hasSize(300);
        for (int i = 0; i < sessions.size(); i++) {
            assertThat(decoded.get(i).purchased()).isEqualTo(sessions.get(i).purchased());
            assertThat(decoded.get(i).features()).isDeepEqualTo(sessions.get(i).features());
        }
        int raw = sessions.stream().mapToInt(s -> s.features().length * s.features()[0].length * 4).sum();
        assertThat(bytes.length).as("deflated, against %d bytes of raw features", raw).isLessThan(raw / 2);
    }

    @Test
    void noSessionsIsAnEmptyListNotAnError() throws IOException {
        assertThat(LabelledSessionCodec.decode(LabelledSessionCodec.encode(List.of()))).isEmpty();
    }

    @Test
    void refusesBytesOfAnUnknownFormat() {
        assertThatThrownBy(() -> LabelledSessionCodec.decode(new byte[] {9, 1, 2})).isInstanceOf(IOException.class).hasMessageContaining("format 9");
        assertThatThrownBy(() -> LabelledSessionCodec.count(new byte[0])).isInstanceOf(IOException.class);
    }
}
