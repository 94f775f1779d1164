package io.intentflow.model.features;

import io.intentflow.model.SessionEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which inputs the model sees for each event, chosen by the job's {@code model.features}. Part of
 * the network's config hash: a model trained on one set never scores with the other.
 */
public enum FeatureSet {

    /** The current session only: {@link EventFeaturizer}'s inputs. */
    SESSION(EventFeaturizer.VERSION, "features-v1", EventFeaturizer.FEATURES),

    /** The session's inputs plus the user's history before it ({@link UserFeatures}). */
    USER("features-user-v2", "features-user-v1", EventFeaturizer.FEATURES + UserFeatures.FEATURES);

    private final String version;
    private final String previousVersion;
    private final int features;

    FeatureSet(String version, String previousVersion, int features) {
        this.version = version;
        this.previousVersion = previousVersion;
        this.features = features;
    }

    /** The value of {@code model.features} that selects this set. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Bumped whenever a feature of the set changes meaning: part of the model's config hash. */
    public String version() {
        return version;
    }

    /**
     * The version before it, of one input fewer: without the purchases earlier in the session
     * ({@link EventFeaturizer#PURCHASE_COUNT}); models of it are read with that input's weights at 0.
     */
    public String previousVersion() {
        return previousVersion;
    }

    public int features() {
        return features;
    }

    /** @throws IllegalArgumentException naming the valid values when {@code key} is none of them */
    public static FeatureSet of(String key) {
        for (FeatureSet set : values()) {
            if (set.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return set;
            }
        }
        throw new IllegalArgumentException(
                "unknown feature set '" + key + "': one of " + Arrays.stream(values()).map(FeatureSet::key).toList());
    }

    /**
     * Features of every event of a session's {@code events}; {@code user} is the user's history
     * before the session, read only by {@link #USER} (null reads as a user without history).
     */
    public float[][] featurize(List<SessionEvent> events, int firstPosition, UserContext user) {
        float[][] session = EventFeaturizer.featurize(events, firstPosition);
        if (this == SESSION) {
            return session;
        }
        for (int i = 0; i < session.length; i++) {
            session[i] = UserFeatures.append(session[i], user, events.get(i).ts());
        }
        return session;
    }

    /** Features of the last event of {@code events} only: what a one-step update needs. */
    public float[] featurizeLast(List<SessionEvent> events, int firstPosition, UserContext user) {
        float[] session = EventFeaturizer.featurizeLast(events, firstPosition);
        return this == SESSION ? session : UserFeatures.append(session, user, events.get(events.size() - 1).ts());
    }
}
