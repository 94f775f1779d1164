package io.intentflow.job.kafka;

import io.intentflow.ingest.RecordParser;
import io.intentflow.records.RecordOrigin;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses each record where its topic, partition and offset are known, so a dead letter can point
 * back at it. Emits exactly one element per record, valid or not.
 */
public class IngestDeserializer<I> implements KafkaRecordDeserializationSchema<I> {

    private static final long serialVersionUID = 1L;

    private final RecordParser<?, I> parser;
    private final Class<I> type;

    public IngestDeserializer(RecordParser<?, I> parser, Class<I> type) {
        this.parser = parser;
        this.type = type;
    }

    /** On the task manager, before the first record: the parser reads the user-id key here. */
    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        // Before the source's Kafka consumer logs in.
        ScramProviders.adopt();
        parser.open();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<I> out) {
        RecordOrigin origin = new RecordOrigin(record.topic(), record.partition(), record.offset());
        out.collect(parser.parse(record.key(), record.value(), origin, System.currentTimeMillis()));
    }

    @Override
    public TypeInformation<I> getProducedType() {
        return TypeInformation.of(type);
    }
}
