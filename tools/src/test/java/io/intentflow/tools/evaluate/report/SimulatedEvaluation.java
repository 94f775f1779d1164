package io.intentflow.tools.evaluate.report;

import io.intentflow.records.SessionSnapshot;
import io.intentflow.tools.evaluate.ScoredEvent;
import io.intentflow.tools.evaluate.SimulatedShop;
import io.intentflow.tools.evaluate.baselines.Baselines;
import io.intentflow.tools.evaluate.baselines.FtrlProximal;
import io.intentflow.tools.evaluate.baselines.Gbdt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole report over the simulated shop: the three baselines run for real; the job's two models
 * are stand-ins made from them (what is under test is the report, not the models): {@code online}
 * averages gbdt and ftrl and changes model version four times, {@code frozen} is a shrunk copy
 * of ftrl.
 */
final class SimulatedEvaluation {

    private SimulatedEvaluation() {}

    static EvaluationReport report(int users, long seed) {
        SimulatedShop shop = SimulatedShop.of(users, seed);
        Baselines baselines = new Baselines(shop.split(), FtrlProximal.Settings.defaults(), Gbdt.Settings.defaults());
        for (SessionSnapshot update : shop.updates()) {
            baselines.accept(update, shop.labels().of(update.userId(), update.trigger().ts()));
        }
        Map<String, List<ScoredEvent>> scored = baselines.finish();
        List<ScoredEvent> ftrl = scored.get(Baselines.FTRL);
        List<ScoredEvent> gbdt = scored.get(Baselines.GBDT);
        long from = shop.split().measuredFrom();
        long span = shop.split().lastTs() - from + 1;
        List<ScoredEvent> online = new ArrayList<>();
        List<ScoredEvent> frozen = new ArrayList<>();
        for (int i = 0; i < ftrl.size(); i++) {
            ScoredEvent e = ftrl.get(i);
            online.add(e.withScore((e.score() + gbdt.get(i).score()) / 2, 3 + 5 * (e.eventTs() - from) / span));
            frozen.add(e.withScore(0.05 + 0.5 * e.score(), 3));
        }
        Map<String, List<ScoredEvent>> all = new LinkedHashMap<>();
        all.put("frozen", frozen);
        all.putAll(scored);
        return EvaluationReport.of(
                online, all, ReportSettings.of("Simulated shop (" + users + " users, seed " + seed + ")", shop.split(), SimulatedShop.HORIZON, 0.7));
    }
}
