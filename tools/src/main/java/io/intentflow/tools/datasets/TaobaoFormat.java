package io.intentflow.tools.datasets;

import io.intentflow.model.EventType;
import java.util.Map;

/**
 * Alibaba Tianchi's Taobao UserBehavior: {@code user_id,item_id,category_id,behavior,timestamp},
 * no header, epoch seconds, rows grouped by user. Behaviours: pv → view, cart → add_to_cart, fav
 * → wishlist, buy → purchase. The data has no prices.
 */
final class TaobaoFormat implements DatasetFormat {

    private static final Map<String, EventType> TYPES = Map.of(
            "pv", EventType.VIEW, "cart", EventType.ADD_TO_CART, "fav", EventType.WISHLIST, "buy", EventType.PURCHASE);

    @Override
    public String name() {
        return "taobao";
    }

    @Override
    public DatasetRecord parse(DatasetLine line) throws RejectedRow {
        CsvRow row = line.fields(5);
        return new DatasetClick(
                line.id(), row.id(0, "user_id"), row.type(3, TYPES), row.id(1, "item_id"), row.id(2, "category_id"), null, null,
                row.epochSeconds(4));
    }
}
