package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.model.training.LabelledSession;
import io.intentflow.model.training.LabelledSessionCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
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
            assertThat(Double.valueOf(decoded.get(i).orderValue())).isEqualTo(Double.valueOf(sessions.get(i).orderValue()));
            assertThat(decoded.get(i).features()).isDeepEqualTo(sessions.get(i).features());
        }
        int raw = sessions.stream().mapToInt(s -> s.features().length * s.features()[0].length * 4).sum();
        assertThat(bytes.length).as("deflated, against %d bytes of raw features", raw).isLessThan(raw / 2);
    }

    @Test
    void sessionsWrittenBeforeOrderValuesComeBackWithoutOne() throws IOException {
        // Format 1 (a trainer's state from before the value head): one bought, one did not.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(1);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(2);
            for (boolean purchased : new boolean[] {true, false}) {
                out.writeBoolean(purchased);
                out.writeInt(1);
                out.writeInt(2);
                out.writeFloat(0.5f);
                out.writeFloat(1f);
            }
        }

        List<LabelledSession> decoded = LabelledSessionCodec.decode(bytes.toByteArray());

        assertThat(decoded).extracting(LabelledSession::purchased).containsExactly(true, false);
        assertThat(decoded).allSatisfy(s -> assertThat(s.hasOrderValue()).isFalse());
        assertThat(decoded.get(0).features()).isDeepEqualTo(new float[][] {{0.5f, 1f}});
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
