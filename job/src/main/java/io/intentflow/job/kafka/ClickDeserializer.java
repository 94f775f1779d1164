package io.intentflow.job.kafka;

import io.intentflow.ingest.ClickParser;
import io.intentflow.ingest.InputLimits;
import io.intentflow.records.IngestedClick;
import io.intentflow.records.RecordOrigin;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses each {@code clicks} record where its topic, partition and offset are known, so a dead
 * letter can point back at it. Emits exactly one element per record, valid or not.
 */
public class ClickDeserializer implements KafkaRecordDeserializationSchema<IngestedClick> {

    private static final long serialVersionUID = 1L;

    private final ClickParser parser;

    public ClickDeserializer(InputLimits limits) {
        this.parser = new ClickParser(limits);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestedClick> out) {
        RecordOrigin origin = new RecordOrigin(record.topic(), record.partition(), record.offset());
        out.collect(parser.parse(record.key(), record.value(), origin, System.currentTimeMillis()));
    }

    @Override
    public TypeInformation<IngestedClick> getProducedType() {
        return TypeInformation.of(IngestedClick.class);
    }
}
