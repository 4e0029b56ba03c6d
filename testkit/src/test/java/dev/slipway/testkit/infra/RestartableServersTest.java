package dev.slipway.testkit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RestartableServersTest {

    @Test
    void kafkaStopsAndStartsAgainOnItsAddressWithItsRecords() throws Exception {
        // Verifies that a stopped broker refuses connections and, started again, serves at the same address
        // the record written before.
        try (RestartableKafka kafka = RestartableKafka.start()) {
            String address = kafka.bootstrapServers();
            String topic = "restart-" + UUID.randomUUID();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "k", "before the outage")).get();
            }

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThat(accepts(address)).as("nothing listens while stopped").isFalse();
            kafka.startAgain();

            assertThat(kafka.bootstrapServers()).isEqualTo(address);
            assertThat(readAll(address, topic)).containsExactly("before the outage");
        }
    }

    @Test
    void postgresStopsAndStartsAgainOnItsPortWithItsData() throws Exception {
        // Verifies that a stopped server refuses connections and, started again on the same port, has the committed row.
        try (RestartablePostgres postgres = RestartablePostgres.start()) {
            String url = postgres.jdbcUrl("public");
            try (Connection c = DriverManager.getConnection(url, postgres.username(), "");
                    Statement s = c.createStatement()) {
                s.execute("create table survivor (name text)");
                s.execute("insert into survivor values ('committed before the outage')");
            }

            postgres.stop();
            assertThatThrownBy(() -> DriverManager.getConnection(url, postgres.username(), "").close())
                    .hasMessageContaining("Connection");
            postgres.startAgain();

            try (Connection c = DriverManager.getConnection(url, postgres.username(), "");
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("select name from survivor")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("committed before the outage");
            }
        }
    }

    private static boolean accepts(String address) {
        String[] hostPort = address.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1_000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    private static List<String> readAll(String address, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .filter(p -> consumer.endOffsets(List.of(p)).get(p) > 0)
                    .findFirst().orElseThrow();
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                List<String> values = new java.util.ArrayList<>();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
                if (!values.isEmpty()) {
                    return values;
                }
            }
            return List.of();
        }
    }
}
