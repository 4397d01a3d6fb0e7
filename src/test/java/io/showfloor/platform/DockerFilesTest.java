package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of the Docker path on a machine without a Docker engine: docker/compose.yml
 * and its mounted files (read with SnakeYAML, as Compose would parse them), and docker/Dockerfile
 * through docker/check.sh (a clean copy of the checkout, every COPY source, tagged images, a
 * non-root user, and the build stages' cheap commands run in order). Building and running the
 * images needs Docker.
 */
@DisplayName(
    "Docker path: compose file, Dockerfile and their files, checked without a Docker engine")
class DockerFilesTest {
  private static final Path DOCKER = Path.of("docker");
  private static final List<String> NODES = List.of("app1", "app2", "app3");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(Path file) throws IOException {
    return (Map<String, Object>) new Yaml().load(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @Test
  @DisplayName(
      "compose: every image tagged, nodes with healthchecks, trusted proxy, server-side LiveKit URL, Prometheus and Grafana")
  void composeFile() throws IOException {
    Map<String, Object> compose = yaml(DOCKER.resolve("compose.yml"));
    Map<String, Object> services = map(compose.get("services"));
    assertTrue(
        services
            .keySet()
            .containsAll(
                List.of(
                    "postgres",
                    "redis",
                    "livekit",
                    "app1",
                    "app2",
                    "app3",
                    "nginx",
                    "prometheus",
                    "grafana")),
        services.keySet().toString());
    services.forEach(
        (name, definition) -> {
          String image = String.valueOf(map(definition).get("image"));
          String tag = image.substring(image.lastIndexOf('/') + 1);
          assertTrue(
              tag.contains(":") && !tag.endsWith(":latest"),
              name + " uses " + image + ": pin a tag");
        });
    for (String node : NODES) {
      Map<String, Object> service = map(services.get(node));
      Map<String, Object> build = map(service.get("build"));
      assertTrue(
          Files.isRegularFile(
              DOCKER
                  .resolve(String.valueOf(build.get("context")))
                  .resolve(String.valueOf(build.get("dockerfile")))));
      assertTrue(
          String.valueOf(map(service.get("healthcheck")).get("test")).contains("/health/ready"),
          node);
      Map<String, Object> env = map(service.get("environment"));
      assertEquals(
          "true", String.valueOf(env.get("HTTP_TRUST_PROXY")), node + " sits behind nginx");
      assertEquals(
          "http://livekit:7880",
          env.get("LIVEKIT_API_URL"),
          node + " calls LiveKit inside the network");
      assertNotEquals(env.get("LIVEKIT_URL"), env.get("LIVEKIT_API_URL"));
      assertTrue(String.valueOf(env.get("METRICS_TOKEN")).contains("METRICS_TOKEN"), node);
      assertTrue(String.valueOf(env.get("CLUSTER_MEMBERS")).split(",").length == 3, node);
      assertEquals(
          "service_healthy", map(map(service.get("depends_on")).get("postgres")).get("condition"));
    }
    Map<String, Object> nginxDepends = map(map(services.get("nginx")).get("depends_on"));
    NODES.forEach(
        node ->
            assertEquals(
                "service_healthy",
                map(nginxDepends.get(node)).get("condition"),
                "nginx waits for " + node));
    // every file mounted from docker/ exists in the checkout
    services.forEach(
        (name, definition) -> {
          Object volumes = map(definition).get("volumes");
          if (volumes != null) {
            for (Object volume : (List<?>) volumes) {
              String source = String.valueOf(volume).split(":")[0];
              if (source.startsWith("./")) {
                assertTrue(
                    Files.exists(DOCKER.resolve(source)),
                    name + " mounts " + source + ", which is missing");
              }
            }
          }
        });
    assertTrue(
        map(map(compose.get("configs")).get("metrics-token"))
            .get("content")
            .toString()
            .contains("METRICS_TOKEN"));
  }

  @Test
  @DisplayName(
      "Prometheus scrapes the three nodes with the token; Grafana provisions the dashboard on that data source")
  void prometheusAndGrafana() throws IOException {
    Map<String, Object> prometheus = yaml(DOCKER.resolve("prometheus.yml"));
    Map<String, Object> job = map(((List<?>) prometheus.get("scrape_configs")).get(0));
    assertEquals("/metrics", job.get("metrics_path"));
    assertEquals(
        "/etc/prometheus/metrics-token", map(job.get("authorization")).get("credentials_file"));
    assertEquals(
        List.of("app1:8080", "app2:8080", "app3:8080"),
        map(((List<?>) job.get("static_configs")).get(0)).get("targets"));
    Map<String, Object> source =
        map(
            ((List<?>)
                    yaml(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yml"))
                        .get("datasources"))
                .get(0));
    assertEquals("http://prometheus:9090", source.get("url"));
    yaml(DOCKER.resolve("grafana/provisioning/dashboards/showfloor.yml"));
    JsonObject dashboard =
        new JsonObject(Files.readString(DOCKER.resolve("grafana/dashboards/showfloor.json")));
    String text = dashboard.encode();
    assertTrue(text.contains("histogram_quantile(0.99"), "p99 panels");
    for (Object panel : dashboard.getJsonArray("panels")) {
      assertEquals(
          source.get("uid"), ((JsonObject) panel).getJsonObject("datasource").getString("uid"));
    }
  }

  @Test
  @DisplayName(
      "nginx overwrites X-Forwarded-For (the nodes trust it) and balances over the three nodes; .dockerignore keeps data and builds out")
  void nginxAndIgnoreFile() throws IOException {
    String nginx = Files.readString(DOCKER.resolve("nginx.conf"));
    assertFalse(
        nginx.contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for"),
        "a client could pick its address");
    assertEquals(2, count(nginx, "proxy_set_header X-Forwarded-For \\$remote_addr;"));
    NODES.forEach(node -> assertTrue(nginx.contains("server " + node + ":8080"), node));
    List<String> ignored = Files.readAllLines(Path.of(".dockerignore"));
    for (String entry : List.of(".git", "data/", "target/", "webroot/", "**/node_modules/")) {
      assertTrue(ignored.contains(entry), ".dockerignore should list " + entry);
    }
  }

  @Test
  @DisplayName(
      "docker/check.sh: a clean copy has every COPY source, images are tagged, the runtime is not root, the cheap build commands run")
  void dockerfileChecks() throws Exception {
    for (String tool : List.of("python3", "git")) {
      Assumptions.assumeTrue(
          onPath(tool), tool + " is not installed: docker/check.sh needs it (skipped)");
    }
    // -Ddocker.check=none|cheap|all; Maven online but served from ~/.m2, fetching only what
    // go-offline adds
    List<String> command =
        new ArrayList<>(
            List.of("docker/check.sh", "--run", System.getProperty("docker.check", "cheap")));
    if (Boolean.getBoolean("skip.web") || !onPath("npm")) {
      // a back-end-only build (-Dskip.web=true) has no npm to spare: the web stage's commands are
      // skipped, and said so
      command.add("--no-web");
    }
    Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes());
    assertTrue(check.waitFor(10, TimeUnit.MINUTES), "docker/check.sh took over 10 minutes");
    System.out.println(output);
    assertEquals(0, check.exitValue(), output);
    if (!command.contains("none")) {
      assertTrue(
          output.contains("ran  [build] RUN mvn -B -q -Dskip.web=true dependency:go-offline"),
          output);
    }
  }

  @Test
  @DisplayName(
      "docker/check.sh catches what was wrong before: a COPY of the unbuilt webroot/, an untagged image, a root runtime")
  void checkCatchesTheOldMistakes() throws Exception {
    Assumptions.assumeTrue(
        onPath("python3") && onPath("git"),
        "python3 and git are needed by docker/check.sh (skipped)");
    Path broken =
        Files.createDirectories(Path.of("target", "test-data", "docker-check"))
            .resolve("Dockerfile")
            .toAbsolutePath();
    Files.writeString(
        broken,
        String.join(
            "\n",
            "FROM maven:3.9-eclipse-temurin-17 AS build",
            "WORKDIR /src",
            "COPY pom.xml .",
            "FROM livekit/livekit-server",
            "COPY webroot /app/webroot",
            ""));
    Process check =
        new ProcessBuilder("docker/check.sh", "--run", "none", "--dockerfile", broken.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes());
    assertTrue(check.waitFor(5, TimeUnit.MINUTES));
    assertEquals(1, check.exitValue(), output);
    assertTrue(output.contains("FAIL FROM livekit/livekit-server has no explicit tag"), output);
    assertTrue(
        output.contains(
            "FAIL COPY webroot /app/webroot: webroot does not exist in a clean checkout"),
        output);
    assertTrue(output.contains("FAIL the runtime stage runs as root"), output);
  }

  private static boolean onPath(String tool) throws InterruptedException {
    try {
      return new ProcessBuilder("bash", "-c", "command -v " + tool).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
