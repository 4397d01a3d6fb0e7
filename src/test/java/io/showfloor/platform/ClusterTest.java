package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.Showfloor;
import io.showfloor.realtime.SocketApi;
import io.showfloor.testing.Api;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.TwoNodeCluster;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Two nodes clustered with Hazelcast share one event bus")
class ClusterTest {
  private static TwoNodeCluster cluster;
  private static Showfloor a;
  private static Showfloor b;

  @BeforeAll
  static void startTwoNodes() {
    cluster = TwoNodeCluster.start("cluster");
    a = cluster.a();
    b = cluster.b();
    for (Showfloor node : new Showfloor[] {a, b}) {
      SocketApi.onSnapshot(
              node.vertx(),
              "probe",
              r -> Future.succeededFuture(new JsonObject().put("node", node.port())))
          .completion()
          .await();
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @DisplayName("both nodes report the cluster as ready")
  void ready() {
    for (Showfloor node : new Showfloor[] {a, b}) {
      JsonObject ready =
          new Api("http://127.0.0.1:" + node.port()).get("/health/ready").expect(200).json();
      assertEquals("UP", ready.getJsonObject("checks").getString("cluster"), ready.encode());
    }
  }

  @Test
  @DisplayName("a client on one node receives events published on the other, in order, both ways")
  void eventsCrossNodes() {
    String topic = "probe:cluster" + System.nanoTime();
    try (TestSocket onB = TestSocket.open(b.port());
        TestSocket onA = TestSocket.open(a.port())) {
      JsonObject snapshot = onB.subscribe(topic);
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      assertEquals("snapshot", onA.subscribe(topic).getString("type"));

      long first =
          a.platform()
              .events()
              .publish(topic, "from.a", new JsonObject().put("n", 1))
              .await()
              .getLong("seq");
      long second =
          b.platform()
              .events()
              .publish(topic, "from.b", new JsonObject().put("n", 2))
              .await()
              .getLong("seq");
      for (TestSocket client : new TestSocket[] {onA, onB}) {
        JsonObject event = client.next("from.a");
        assertEquals(first, event.getLong("seq"));
        assertEquals(second, client.next("from.b").getLong("seq"));
      }
    }
  }
}
