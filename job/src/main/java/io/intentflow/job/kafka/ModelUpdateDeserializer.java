package io.intentflow.job.kafka;

import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.snapshot.ModelUpdateCodec;
import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads model updates in {@link ModelUpdateCodec}'s form. A record that is not one is refused:
 * logged with its offset and counted ({@code undecodableModelUpdates}); the scorers never see it.
 */
public class ModelUpdateDeserializer implements KafkaRecordDeserializationSchema<ModelUpdate> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelUpdateDeserializer.class);

    private transient Counter undecodable;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        ScramProviders.adopt();
        undecodable = context.getMetricGroup().counter("undecodableModelUpdates");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ModelUpdate> out) {
        try {
            out.collect(ModelUpdateCodec.decode(record.value() == null ? new byte[0] : record.value()));
        } catch (IOException e) {
            undecodable.inc();
            LOG.warn("Refused the record at {}-{}@{}: not a model update ({})", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<ModelUpdate> getProducedType() {
        return TypeInformation.of(ModelUpdate.class);
    }
}
