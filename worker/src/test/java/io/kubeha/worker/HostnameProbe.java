package io.kubeha.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One GET of agnhost netexec's /hostname through a node's NodePort, as a user's client would send
 * it: the Pod's name when it answered, else what went wrong. The journey's prober and the
 * campaigns' judge both ask this way.
 */
record HostnameProbe(String hostname, String failure) {

  static HostnameProbe send(HttpClient http, String address, int nodePort, Duration timeout)
      throws InterruptedException {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + address + ":" + nodePort + "/hostname"))
                  .timeout(timeout)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String body = r.body().strip();
      return r.statusCode() == 200 && !body.isEmpty()
          ? new HostnameProbe(body, null)
          : new HostnameProbe(null, "HTTP " + r.statusCode() + " " + body);
    } catch (java.io.IOException e) {
      return new HostnameProbe(null, e.getClass().getSimpleName() + " " + e.getMessage());
    }
  }

  boolean answered() {
    return hostname != null;
  }
}
