package io.intentflow.tools.datasets;

import io.intentflow.model.EventType;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * REES46 "eCommerce behavior data from multi category store": {@code event_time,event_type,
 * product_id,category_id,category_code,brand,price,user_id,user_session}, a header, CRLF line
 * ends, times like {@code 2019-10-01 00:00:00 UTC}. Types: view → view, cart → add_to_cart,
 * remove_from_cart → remove_from_cart, purchase → purchase. Every row has the product's price.
 * {@code category_code}, {@code brand} and {@code user_session} are not in the contract: the job
 * sessionizes by inactivity itself.
 */
final class Rees46Format implements DatasetFormat {

    private static final Map<String, EventType> TYPES = Map.of(
            "view", EventType.VIEW, "cart", EventType.ADD_TO_CART, "remove_from_cart", EventType.REMOVE_FROM_CART,
            "purchase", EventType.PURCHASE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return "rees46";
    }

    @Override
    public Optional<String> header() {
        return Optional.of("event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session");
    }

    @Override
    public DatasetRecord parse(DatasetLine line) throws RejectedRow {
        CsvRow row = line.fields(9);
        return new DatasetClick(
                line.id(), row.id(7, "user_id"), row.type(1, TYPES), row.id(2, "product_id"), row.optionalId(3, "category_id"),
                row.amount(6, "price"), null, row.time(0, TIME));
    }
}
