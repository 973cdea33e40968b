package io.vigil.monitor.messaging;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Tracks which partitions the gateway's consumer holds. The gateway reads from the latest offset, so it is
 * ready only once it holds partitions: an event published before that would never reach a client.
 */
@ApplicationScoped
@Identifier(AssignedPartitions.NAME)
public class AssignedPartitions implements KafkaConsumerRebalanceListener {

    /** The name the channel configuration refers to ({@code consumer-rebalance-listener.name}). */
    public static final String NAME = "vigil-events-assignment";
    private static final Logger LOG = Logger.getLogger(AssignedPartitions.class);
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // position the new partitions now, so that "ready" means events from here on are read
        partitions.forEach(consumer::position);
        assigned.addAll(partitions);
        LOG.infof("reading %d partitions from the latest offset", assigned.size());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    public Set<String> topics() {
        return assigned.stream().map(TopicPartition::topic).collect(java.util.stream.Collectors.toSet());
    }

    public int count() {
        return assigned.size();
    }
}
