package io.kubeha.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** HTTP GETs for the bundle's sources: redirects followed (a CDN), bodies streamed. */
public final class HttpFetch {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration HEADERS_TIMEOUT = Duration.ofMinutes(2);

  /** Larger metadata (a manifest, an apt Release, a token) is refused: it is not what was asked. */
  public static final long MAX_METADATA_BYTES = 64L << 20;

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(CONNECT_TIMEOUT)
          .build();

  /** The response, whatever its status; its body is the caller's to read or close. */
  public HttpResponse<InputStream> get(URI uri, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(HEADERS_TIMEOUT).GET();
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new BundleException(uri + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BundleException(uri + ": interrupted", e);
    }
  }

  /** The body of a 200 answer, at most MAX_METADATA_BYTES. */
  public byte[] bytes(URI uri, Map<String, String> headers) {
    return optionalBytes(uri, headers)
        .orElseThrow(() -> new BundleException(uri + ": not found (HTTP 404)"));
  }

  /** The body of a 200 answer, or empty for a 404. */
  public Optional<byte[]> optionalBytes(URI uri, Map<String, String> headers) {
    HttpResponse<InputStream> response = get(uri, headers);
    if (response.statusCode() == 404) {
      close(response);
      return Optional.empty();
    }
    requireOk(uri, response);
    return Optional.of(readAll(uri, response));
  }

  static byte[] readAll(URI uri, HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes((int) MAX_METADATA_BYTES + 1);
      if (body.length > MAX_METADATA_BYTES) {
        throw new BundleException(uri + ": larger than " + Progress.size(MAX_METADATA_BYTES));
      }
      return body;
    } catch (IOException e) {
      throw new BundleException(uri + ": " + describe(e), e);
    }
  }

  static void requireOk(URI uri, HttpResponse<InputStream> response) {
    if (response.statusCode() != 200) {
      close(response);
      throw new BundleException(uri + ": HTTP " + response.statusCode());
    }
  }

  static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // Nothing more is read from it.
    }
  }

  static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
