package io.intentflow.tools.datasets;

import io.intentflow.model.EventType;

/**
 * A click of the {@code clicks} contract, field for field. Ids stay the dataset's own strings
 * (REES46 category ids have 19 digits, more than a double holds). {@code eventId} is made from
 * the format, the file and the line ({@code taobao:UserBehavior.csv:17}): deterministic, and
 * unique, so that the job's duplicate detection never merges two real events. The {@code
 * intentflow} format alone keeps the record's own event id.
 *
 * @param price null where the dataset has none (the contract's absent price, read as 0)
 * @param query null but in the {@code intentflow} format: none of the public formats has searches
 */
public record DatasetClick(
        String eventId, String userId, EventType type, String itemId, String categoryId, Double price, String query, long ts)
        implements DatasetRecord {}
