package io.intentflow.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.tools.generate.GeneratedRecord.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the simulated shoppers do: sessions, carts and orders, driven by their hidden intent. */
class UserBehaviourTest {

    private static final int RECORDS = 50_000;
    private static final long SESSION_GAP_MS = 30 * 60_000L;

    private static ClickstreamSimulation simulation;
    private static List<GeneratedRecord> records;
    /** Each user's valid clicks, once each, in event-time order. */
    private static Map<String, List<JsonNode>> clicksByUser;

    @BeforeAll
    static void simulate() {
        simulation = Simulated.simulation(11, 1000);
        records = Simulated.take(simulation, RECORDS);
        clicksByUser = new HashMap<>();
        for (JsonNode click : Simulated.distinctClicks(records)) {
            clicksByUser.computeIfAbsent(click.get("userId").asText(), u -> new ArrayList<>()).add(click);
        }
        clicksByUser.values().forEach(clicks -> clicks.sort(Comparator.comparingLong(c -> c.get("ts").asLong())));
    }

    @Test
    void everyOrderComesWithThePurchaseClickThatMadeIt() {
        Map<String, List<JsonNode>> purchaseClicks = new HashMap<>();
        Map<String, Double> prices = new HashMap<>();
        clicksByUser.forEach((user, clicks) -> clicks.forEach(click -> {
            if (click.get("type").asText().equals("purchase")) {
                purchaseClicks.computeIfAbsent(user, u -> new ArrayList<>()).add(click);
            } else if (click.get("itemId").isTextual()) {
                prices.put(click.get("itemId").asText(), click.get("price").asDouble());
            }
        }));
        long lastTs = records.stream().mapToLong(GeneratedRecord::eventTs).max().orElseThrow();
        int orders = 0;
        for (GeneratedRecord record : records) {
            if (record.kind() != Kind.PURCHASE) {
                continue;
            }
            orders++;
            JsonNode order = Simulated.json(record);
            long ts = order.get("ts").asLong();
            double amount = order.get("amount").asDouble();
            assertThat(order.get("orderId").asText()).startsWith("o-11-");
            assertThat(order.get("userId").asText()).isEqualTo(record.key());
            assertThat(order.get("items")).isNotEmpty();
            double total = StreamSupport.stream(order.get("items").spliterator(), false)
                    .mapToDouble(item -> prices.getOrDefault(item.asText(), Double.NaN)).sum();
            if (!Double.isNaN(total)) {
                assertThat(amount).as("order %s", order).isCloseTo(total, offset(0.011));
            }
            List<JsonNode> candidates = purchaseClicks.getOrDefault(record.key(), new ArrayList<>());
            JsonNode click = candidates.stream()
                    .filter(c -> c.get("ts").asLong() <= ts && ts - c.get("ts").asLong() <= 500 && c.get("price").asDouble() == amount)
                    .findFirst()
                    .orElse(null);
            if (click == null) {
                // Its click is held back as late and not out yet.
                assertThat(ts).as("order without its click: %s", order).isGreaterThan(lastTs - Disorder.MAX_LATE_MS - 5_000);
                continue;
            }
            candidates.remove(click);
        }
        assertThat(purchaseClicks.values()).as("purchase clicks without an order").allMatch(List::isEmpty);
        assertThat(orders).isGreaterThan(300);
    }

    @Test
    void anOrderFollowsItsPurchaseClickAtOnceUnlessTheClickIsHeldBack() {
        for (int i = 0; i < records.size() - 2; i++) {
            GeneratedRecord click = records.get(i);
            if (click.kind() == Kind.CLICK && Simulated.json(click).get("type").asText().equals("purchase")) {
                GeneratedRecord next = records.get(i + 1).kind() == Kind.DUPLICATE ? records.get(i + 2) : records.get(i + 1);
                assertThat(next.kind()).isEqualTo(Kind.PURCHASE);
                assertThat(next.key()).isEqualTo(click.key());
                assertThat(next.eventTs() - click.eventTs()).isBetween(0L, 500L);
            }
        }
    }

    @Test
    void usersWithHigherHiddenIntentBuyMorePerSession() {
        List<String> byIntent = new ArrayList<>(clicksByUser.keySet());
        byIntent.sort(Comparator.comparingDouble(simulation::intentOf).thenComparing(u -> u));
        int quarter = byIntent.size() / 4;
        double low = purchasesPerSession(byIntent.subList(0, quarter));
        double high = purchasesPerSession(byIntent.subList(byIntent.size() - quarter, byIntent.size()));

        assertThat(high).as("purchases per session, top intent quartile vs bottom (%f)", low).isGreaterThan(0.2).isGreaterThan(10 * low);
    }

    @Test
    void sessionsAreSeparatedByIdleGapsFarLongerThanThinkTimes() {
        long thinking = 0;
        int thinks = 0;
        long idle = 0;
        int idles = 0;
        for (List<JsonNode> clicks : clicksByUser.values()) {
            for (int i = 1; i < clicks.size(); i++) {
                long gap = clicks.get(i).get("ts").asLong() - clicks.get(i - 1).get("ts").asLong();
                assertThat(gap <= 10 * 60_000L + 5_000 || gap >= 40 * 60_000L - 5_000).as("a gap of %d ms", gap).isTrue();
                if (gap > SESSION_GAP_MS) {
                    idle += gap;
                    idles++;
                } else {
                    thinking += gap;
                    thinks++;
                }
            }
        }
        assertThat(idles).isGreaterThan(clicksByUser.size());
        assertThat(thinks).isGreaterThan(3 * idles);
        assertThat(thinking / thinks).as("mean think time, ms").isBetween(18_000L, 32_000L);
        // Below the 3 h mean: gaps longer than the simulated day are not seen.
        assertThat(idle / idles).as("mean idle gap, ms").isBetween(90 * 60_000L, 4 * 3_600_000L);
    }

    @Test
    void usersStayInAFewCategoriesAndBuyersRevisitItemsMore() {
        List<String> byIntent = new ArrayList<>(clicksByUser.keySet());
        byIntent.sort(Comparator.comparingDouble(simulation::intentOf).thenComparing(u -> u));
        int quarter = byIntent.size() / 4;
        double[] low = views(byIntent.subList(0, quarter));
        double[] high = views(byIntent.subList(byIntent.size() - quarter, byIntent.size()));

        assertThat(low[0]).as("views in a user's top 4 categories").isGreaterThan(0.6);
        assertThat(high[1]).as("revisits, top intent quartile vs bottom (%f)", low[1]).isGreaterThan(low[1] + 0.1);
    }

    @Test
    void aNewBehaviourModelTakesEffectAtEachUsersNextAction() {
        ClickstreamSimulation drifting = Simulated.simulation(11, 1000);
        assertThat(Simulated.take(drifting, 10_000)).anyMatch(r -> r.kind() == Kind.PURCHASE);
        double[] neverBuys = {0.6, 0.2, 0.1, 0.05, 0.05, 0.1, 0.0, 0.2};
        double[][] table = {neverBuys, neverBuys, neverBuys, neverBuys, neverBuys, neverBuys, neverBuys, neverBuys};
        drifting.changeBehaviour(new BehaviourModel(table, table));

        List<GeneratedRecord> after = Simulated.take(drifting, 10_000);
        assertThat(after).noneMatch(r -> r.kind() == Kind.PURCHASE);
        assertThat(after).anyMatch(r -> r.kind() == Kind.CLICK && new String(r.value(), StandardCharsets.UTF_8).contains("\"checkout_start\""));
    }

    @Test
    void theDriftedBehaviourMakesCheckoutsAPoorSignOfAPurchase() {
        assertThat(checkoutsPerPurchase(BehaviourModel.drifted()))
                .as("checkouts per purchase, drifted vs standard (%f)", checkoutsPerPurchase(BehaviourModel.standard()))
                .isGreaterThan(1.5 * checkoutsPerPurchase(BehaviourModel.standard()));
    }

    private static double checkoutsPerPurchase(BehaviourModel behaviour) {
        ClickstreamSimulation simulation = new ClickstreamSimulation(GeneratorSettings.of(5, 1000, Simulated.START), behaviour);
        long checkouts = 0;
        long purchases = 0;
        for (GeneratedRecord record : Simulated.take(simulation, 30_000)) {
            String json = new String(record.value(), StandardCharsets.UTF_8);
            checkouts += json.contains("\"checkout_start\"") ? 1 : 0;
            purchases += record.kind() == Kind.PURCHASE ? 1 : 0;
        }
        return checkouts / (double) Math.max(1, purchases);
    }

    private static double purchasesPerSession(List<String> users) {
        int sessions = 0;
        int purchases = 0;
        for (String user : users) {
            long previous = Long.MIN_VALUE;
            for (JsonNode click : clicksByUser.get(user)) {
                long ts = click.get("ts").asLong();
                sessions += previous == Long.MIN_VALUE || ts - previous > SESSION_GAP_MS ? 1 : 0;
                purchases += click.get("type").asText().equals("purchase") ? 1 : 0;
                previous = ts;
            }
        }
        return purchases / (double) sessions;
    }

    /** The share of views in each user's four most viewed categories, and of views of an item seen before. */
    private static double[] views(List<String> users) {
        int views = 0;
        int inTopCategories = 0;
        int revisits = 0;
        for (String user : users) {
            Map<String, Integer> byCategory = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode click : clicksByUser.get(user)) {
                if (click.get("type").asText().equals("view")) {
                    views++;
                    byCategory.merge(click.get("categoryId").asText(), 1, Integer::sum);
                    revisits += seen.add(click.get("itemId").asText()) ? 0 : 1;
                }
            }
            inTopCategories += byCategory.values().stream().sorted(Comparator.reverseOrder()).limit(4).mapToInt(Integer::intValue).sum();
        }
        return new double[] {inTopCategories / (double) views, revisits / (double) views};
    }
}
