package id.sertiflow.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One SertiFlow JVM: the built jar, started, killed with {@code kill -9}, and started again. */
final class Node implements AutoCloseable {

  final String name;
  final int port;
  private final Path jar;
  private final Path logs;
  private final List<String> settings;
  private Process process;
  private int starts;
  int kills;

  Node(String name, int port, Path jar, Path logs, List<String> settings) {
    this.name = name;
    this.port = port;
    this.jar = jar;
    this.logs = logs;
    this.settings = settings;
  }

  /**
   * A port free now, which the system picked. A node keeps it for every start, so that the run
   * reaches it at the same address after a kill, as callers reach a real node.
   */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  /** Starts the JVM and waits until its health answers UP. */
  void start(Duration timeout) throws IOException, InterruptedException {
    starts++;
    List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-XX:+UseSerialGC",
        "-jar", jar.toString(), "--server.port=" + port));
    command.addAll(settings);
    Files.createDirectories(logs);
    Path log = logs.resolve(name + "-" + starts + ".log");
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    boolean up = Poll.until(timeout, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
            URI.create(base() + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        return health.statusCode() == 200 && health.body().contains("\"UP\"");
      } catch (IOException notYet) {
        return false; // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    if (up) {
      return;
    }
    throw new IllegalStateException(name + " did not start within " + timeout + "; see " + log);
  }

  /** {@code kill -9}: no shutdown hook, no commit, no goodbye to the database or the job executor. */
  void kill() throws IOException, InterruptedException {
    long pid = process.pid();
    int exit = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -9 " + pid + " failed with " + exit);
    }
    process.waitFor();
    kills++;
  }

  @Override
  public void close() throws InterruptedException {
    if (running()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
