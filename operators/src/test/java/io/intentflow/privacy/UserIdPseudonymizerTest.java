package io.intentflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class UserIdPseudonymizerTest {

    private static final byte[] KEY = "a-test-key-of-more-than-32-bytes-0001".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "a-test-key-of-more-than-32-bytes-0002".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPseudonymIsTheTruncatedHmacAShopCanRecomputeOnItsSide() throws Exception {
        // What docs/privacy.md tells a shop to run on its own ids, written out independently.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOf(mac.doFinal("customer-4711".getBytes(StandardCharsets.UTF_8)), 16));

        String pseudonym = UserIdPseudonymizer.keyed(KEY).pseudonym("customer-4711");

        assertThat(pseudonym).isEqualTo(expected).hasSize(22).matches("[A-Za-z0-9_-]{22}").doesNotContain("4711");
    }

    @Test
    void theSameIdUnderTheSameKeyGivesTheSamePseudonymInEveryInstanceAndCall() {
        UserIdPseudonymizer first = UserIdPseudonymizer.keyed(KEY);
        UserIdPseudonymizer second = UserIdPseudonymizer.keyed(KEY.clone());

        assertThat(first.pseudonym("u-1")).isEqualTo(first.pseudonym("u-1")).isEqualTo(second.pseudonym("u-1"));
        assertThat(first.keyFingerprint()).isEqualTo(second.keyFingerprint()).hasSize(8);
    }

    @Test
    void differentIdsAndDifferentKeysGiveDifferentPseudonyms() {
        UserIdPseudonymizer keyed = UserIdPseudonymizer.keyed(KEY);
        UserIdPseudonymizer other = UserIdPseudonymizer.keyed(OTHER_KEY);

        assertThat(keyed.pseudonym("u-1")).isNotEqualTo(keyed.pseudonym("u-2"));
        assertThat(keyed.pseudonym("u-1")).isNotEqualTo(other.pseudonym("u-1"));
        assertThat(keyed.keyFingerprint()).isNotEqualTo(other.keyFingerprint());
    }

    @Test
    void withoutAKeyIdsStayAsTheyCame() {
        UserIdPseudonymizer raw = UserIdPseudonymizer.raw();

        assertThat(raw.isKeyed()).isFalse();
        assertThat(raw.pseudonym("customer-4711")).isEqualTo("customer-4711");
    }
}
