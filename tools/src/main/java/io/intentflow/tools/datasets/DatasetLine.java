package io.intentflow.tools.datasets;

/**
 * One line of a dataset file, without its line end.
 *
 * @param source the format and the file, {@code taobao:UserBehavior.csv}: the prefix of the line's id
 * @param file which of the format's files, by index
 * @param number the line's number in its file, from 1
 */
public record DatasetLine(String source, int file, long number, String text) {

    /** The line's record id, deterministic and unique within a dataset: {@code taobao:UserBehavior.csv:17}. */
    public String id() {
        return source + ":" + number;
    }

    /** The comma-separated fields (none of the formats quotes), exactly {@code count} of them. */
    CsvRow fields(int count) throws RejectedRow {
        String[] fields = text.split(",", -1);
        if (fields.length != count) {
            throw new RejectedRow(RejectedRow.Reason.FIELD_COUNT, fields.length + " fields, expected " + count);
        }
        return new CsvRow(fields);
    }
}
