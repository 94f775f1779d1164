package io.intentflow.tools.datasets;

import io.intentflow.model.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * YOOCHOOSE (RecSys Challenge 2015): {@code yoochoose-clicks.dat}, {@code
 * session,timestamp,item,category}, and beside it {@code yoochoose-buys.dat}, {@code
 * session,timestamp,item,price,quantity}; no headers, ISO-8601 times in UTC with milliseconds.
 * There are no user ids: the session id stands in. Clicks are views; category 0 means none.
 *
 * <p>Buys become orders on {@code purchases}, not purchase clicks: they are a stream of their own
 * (the challenge's task is to predict them from the clicks), one line per item bought, with a
 * quantity the clicks contract has no room for; amount = price × quantity.
 */
final class YoochooseFormat implements DatasetFormat {

    private static final int CLICKS = 0;
    private static final String NO_CATEGORY = "0";

    @Override
    public String name() {
        return "yoochoose";
    }

    /** The clicks file given, and the buys file beside it: {@code clicks} in its name made {@code buys}. */
    @Override
    public List<Path> files(Path input) {
        String name = input.getFileName().toString();
        if (!name.contains("clicks")) {
            throw new IllegalArgumentException("yoochoose reads the clicks file (yoochoose-clicks.dat) and the buys file beside it; got " + input);
        }
        Path buys = input.resolveSibling(name.replace("clicks", "buys"));
        if (!Files.isRegularFile(buys)) {
            throw new IllegalArgumentException("yoochoose: no buys file beside " + input + ": expected " + buys);
        }
        return List.of(input, buys);
    }

    @Override
    public DatasetRecord parse(DatasetLine line) throws RejectedRow {
        if (line.file() == CLICKS) {
            CsvRow row = line.fields(4);
            String category = row.text(3).equals(NO_CATEGORY) ? null : row.optionalId(3, "category");
            return new DatasetClick(
                    line.id(), row.id(0, "session"), EventType.VIEW, row.id(2, "item"), category, null, null,
                    row.time(1, DateTimeFormatter.ISO_INSTANT));
        }
        CsvRow row = line.fields(5);
        String session = row.id(0, "session");
        String item = row.id(2, "item");
        long ts = row.time(1, DateTimeFormatter.ISO_INSTANT);
        return new DatasetOrder(line.id(), session, ts, row.amount(3, "price") * row.amount(4, "quantity"), List.of(item));
    }
}
