package io.vigil.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.builder(dir).build().start();
    }

    @AfterAll
    static void stop() {
        kafka.stop();
    }

    @Test
    void recordsSurviveAStopAndStartOnTheSamePort() throws Exception {
        kafka.createTopics(List.of("restart"), 1);
        send("restart", "before");
        int port = kafka.port();

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();

        assertThat(kafka.port()).isEqualTo(port);
        send("restart", "after");
        assertThat(readAll("restart", 2)).containsExactly("before", "after");
    }

    @Test
    void aKilledBrokerComesBackWithItsData() throws Exception {
        kafka.createTopics(List.of("crash"), 1);
        send("crash", "kept");
        kafka.kill();
        kafka.start();
        assertThat(readAll("crash", 1)).containsExactly("kept");
    }

    @Test
    void aSecondBrokerInTheSameDirectoryKeepsThePortsOfTheFirst() {
        EmbeddedKafka again = EmbeddedKafka.builder(dir).build();
        assertThat(again.port()).isEqualTo(kafka.port());
    }

    @Test
    void aBrokerOnATakenPortFailsSayingSo(@TempDir Path other) {
        EmbeddedKafka clash = EmbeddedKafka.builder(other).port(kafka.port()).startTimeout(Duration.ofSeconds(30)).build();
        assertThatThrownBy(clash::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("port " + kafka.port() + " is already in use");
        assertThat(clash.isRunning()).isFalse();
    }

    private static void send(String topic, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String topic, int expected) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
