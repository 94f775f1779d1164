package io.intentflow.session;

import static io.intentflow.Clicks.minutes;
import static io.intentflow.Clicks.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.Clicks;
import io.intentflow.model.EventType;
import io.intentflow.records.Click;
import io.intentflow.records.SessionChange;
import io.intentflow.model.SessionEvent;
import io.intentflow.records.SessionSnapshot;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SessionAggregateTest {

    private final SessionAggregate aggregate = new SessionAggregate(4);

    private SessionAccumulator accumulate(Click... clicks) {
        SessionAccumulator acc = aggregate.createAccumulator();
        for (Click click : clicks) {
            acc = aggregate.add(click, acc);
        }
        return acc;
    }

    private SessionSnapshot fold(Click... clicks) {
        return aggregate.getResult(accumulate(clicks));
    }

    private static String[] ids(SessionSnapshot s) {
        return Arrays.stream(s.recent()).map(SessionEvent::eventId).toArray(String[]::new);
    }

    @Test
    void theFirstEventNamesTheSession() {
        SessionSnapshot s = fold(view("e1", "u1", minutes(3)));

        assertThat(s.sessionId()).isEqualTo("u1-" + minutes(3));
        assertThat(s.events()).isEqualTo(1);
        assertThat(s.change()).isEqualTo(SessionChange.APPENDED);
        assertThat(s.triggerEventId()).isEqualTo("e1");
    }

    @Test
    void keepsOnlyTheNewestEventsInTimeOrder() {
        SessionSnapshot s =
                fold(
                        view("e1", "u1", minutes(1)),
                        view("e2", "u1", minutes(2)),
                        view("e3", "u1", minutes(3)),
                        view("e4", "u1", minutes(4)),
                        view("e5", "u1", minutes(5)));

        assertThat(ids(s)).containsExactly("e2", "e3", "e4", "e5");
        assertThat(s.events()).isEqualTo(5);
        assertThat(s.startTs()).isEqualTo(minutes(1));
        assertThat(s.lastTs()).isEqualTo(minutes(5));
    }

    @Test
    void anOutOfOrderEventIsInsertedInPlace() {
        SessionSnapshot s =
                fold(view("e1", "u1", minutes(1)), view("e3", "u1", minutes(3)), view("e2", "u1", minutes(2)));

        assertThat(ids(s)).containsExactly("e1", "e2", "e3");
        assertThat(s.change()).isEqualTo(SessionChange.INSERTED);
        assertThat(s.sessionId()).isEqualTo("u1-" + minutes(1));
    }

    @Test
    void aRepeatedEventIdIsCountedNotAdded() {
        Click once = view("e1", "u1", minutes(1));
        SessionSnapshot s = fold(once, view("e2", "u1", minutes(2)), once);

        assertThat(s.events()).isEqualTo(2);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.change()).isEqualTo(SessionChange.DUPLICATE);
        assertThat(s.triggerEventId()).isEqualTo("e1");
        assertThat(s.count(EventType.VIEW)).isEqualTo(2);
    }

    @Test
    void countsTypesAndCartValue() {
        SessionSnapshot s =
                fold(
                        Clicks.click("e1", "u1", EventType.ADD_TO_CART, minutes(1), 30.0),
                        Clicks.click("e2", "u1", EventType.ADD_TO_CART, minutes(2), 12.5),
                        Clicks.click("e3", "u1", EventType.REMOVE_FROM_CART, minutes(3), 30.0));

        assertThat(s.count(EventType.ADD_TO_CART)).isEqualTo(2);
        assertThat(s.count(EventType.REMOVE_FROM_CART)).isEqualTo(1);
        assertThat(s.cartValue()).isEqualTo(12.5);
    }

    @Test
    void mergedSessionsInterleaveTheirRingsAndKeepTheEarlierId() {
        SessionAccumulator later = accumulate(view("b1", "u1", minutes(50)), view("b2", "u1", minutes(60)));
        SessionAccumulator earlier = accumulate(view("a1", "u1", minutes(0)), view("a2", "u1", minutes(55)));

        SessionSnapshot merged = aggregate.getResult(aggregate.merge(later, earlier));

        assertThat(merged.sessionId()).isEqualTo("u1-" + minutes(0));
        assertThat(ids(merged)).containsExactly("a1", "b1", "a2", "b2");
        assertThat(merged.events()).isEqualTo(4);
        assertThat(merged.startTs()).isEqualTo(minutes(0));
        assertThat(merged.lastTs()).isEqualTo(minutes(60));
    }

    @Test
    void theEventAfterAMergeIsReportedAsMergedAndOnlyThatOne() {
        SessionAccumulator merged =
                aggregate.merge(accumulate(view("a1", "u1", minutes(0))), accumulate(view("b1", "u1", minutes(40))));

        SessionAccumulator bridged = aggregate.add(view("x", "u1", minutes(20)), merged);
        SessionAccumulator next = aggregate.add(view("y", "u1", minutes(45)), bridged);

        assertThat(merged.mergePending()).isTrue();
        assertThat(bridged.session().change()).isEqualTo(SessionChange.MERGED);
        assertThat(bridged.mergePending()).isFalse();
        assertThat(ids(bridged.session())).containsExactly("a1", "x", "b1");
        assertThat(next.session().change()).isEqualTo(SessionChange.APPENDED);
    }

    @Test
    void mergeKeepsTheNewestEventsWithinCapacity() {
        SessionAccumulator a = accumulate(view("a1", "u1", minutes(1)), view("a2", "u1", minutes(3)), view("a3", "u1", minutes(5)));
        SessionAccumulator b = accumulate(view("b1", "u1", minutes(2)), view("b2", "u1", minutes(4)), view("b3", "u1", minutes(6)));

        assertThat(ids(aggregate.getResult(aggregate.merge(a, b)))).containsExactly("a2", "b2", "a3", "b3");
    }
}
