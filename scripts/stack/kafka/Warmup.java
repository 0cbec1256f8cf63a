// Readiness probe + warm-up for the local Kafka broker, run by scripts/stack/kafka.sh
// after every broker start (compiled once into the Kafka install dir in ~/.cache).
//
//   java -cp 'libs/*:classes' Warmup 127.0.0.1:9092 [timeoutSeconds]
//
// 1. waits until the broker answers Admin.listTopics (= ready for clients);
// 2. DescribeGroups on a dummy group: FindCoordinator(GROUP) makes the broker create
//    and load __consumer_offsets;
// 3. initTransactions() on a dummy transactional producer: FindCoordinator(TRANSACTION)
//    creates/loads __transaction_state, and InitProducerId makes the broker fetch its
//    first producer-id block from the controller.
// Without 2 and 3 the first kafkajs client after a start gets retriable errors that it
// logs at ERROR level ("The group coordinator is not available", "InitProducerId ...
// The coordinator is loading and hence can't process requests for this group").
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public class Warmup {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 90);

    Properties ap = new Properties();
    ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    ap.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    ap.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    ap.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    try (Admin admin = Admin.create(ap)) {
      while (true) {
        try {
          admin.listTopics().names().get(10, TimeUnit.SECONDS);
          break;
        } catch (Exception e) {
          if (System.nanoTime() > deadline) {
            System.err.println("broker not ready: " + e);
            System.exit(2);
          }
          Thread.sleep(300);
        }
      }
      System.out.println("ready");
      try {
        admin.describeConsumerGroups(List.of("fte-stack-warmup")).all().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        // GroupIdNotFoundException is expected: the coordinator lookup is what matters
      }
    }

    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // a new id every time: an existing id would reuse its producer id and not make the
    // broker fetch a producer-id block (these ids expire after transactional.id.expiration.ms)
    pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fte-stack-warmup-" + java.util.UUID.randomUUID());
    pp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60000);
    pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp)) {
      producer.initTransactions();
    } catch (Exception e) {
      System.err.println("warm-up initTransactions failed (harmless): " + e);
    }
    System.out.println("warm");
  }
}
