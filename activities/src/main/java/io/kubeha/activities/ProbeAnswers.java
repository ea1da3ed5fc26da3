package io.kubeha.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.ssh.CommandResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Judges what a probe of the check's workload got back: agnhost netexec's /hostname (the Pod's
 * name), its /dial JSON, or cluster DNS's answer. Pure: the commands ran elsewhere.
 */
final class ProbeAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Enough to see what answered; a probe's line goes into the run's history.
  private static final int MAX_DETAIL = 200;

  private ProbeAnswers() {}

  /** ok with the answer itself, or not with why. */
  record Verdict(boolean ok, String detail) {
    static Verdict ok(String answer) {
      return new Verdict(true, answer);
    }

    static Verdict failed(String why) {
      return new Verdict(false, shortened(why));
    }
  }

  /** curl of /hostname: ok when the body is one of the Pods' names. */
  static Verdict hostname(CommandResult curl, Collection<String> podNames) {
    if (!curl.ok()) {
      return Verdict.failed(curlError(curl));
    }
    String name = curl.stdout().strip();
    return podNames.contains(name)
        ? Verdict.ok(name)
        : Verdict.failed("answered \"" + name + "\", not one of the Pods " + podNames);
  }

  /**
   * curl of a Pod's /dial: ok when the Pod's own request answered one of expected, the names of the
   * Pods that may answer it. {"errors":[...]} is the Pod's request failing; a body that is no JSON
   * is netexec refusing the request (a name it could not resolve, say).
   */
  static Verdict dial(CommandResult curl, Collection<String> expected) {
    if (!curl.ok()) {
      return Verdict.failed(curlError(curl));
    }
    String body = curl.stdout().strip();
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      answer = null;
    }
    if (answer == null || !answer.isObject()) {
      return Verdict.failed("answered: " + body);
    }
    List<String> errors = texts(answer.path("errors"));
    if (!errors.isEmpty()) {
      return Verdict.failed("the Pod's request failed: " + String.join("; ", errors));
    }
    List<String> responses = texts(answer.path("responses"));
    if (responses.isEmpty()) {
      return Verdict.failed("no answer to the Pod's request: " + body);
    }
    for (String response : responses) {
      if (!expected.contains(response)) {
        return Verdict.failed("answered \"" + response + "\", expected one of " + expected);
      }
    }
    return Verdict.ok(responses.get(0));
  }

  /** A DnsQuery from a node: ok when cluster DNS answers name with address, the Service's. */
  static Verdict dns(CommandResult query, String address) {
    List<String> addresses = query.ok() ? DnsQuery.addresses(query.stdout()) : List.of();
    if (addresses.contains(address)) {
      return Verdict.ok(address);
    }
    return Verdict.failed(
        addresses.isEmpty()
            ? "no answer from cluster DNS" + (query.ok() ? "" : " (" + lastError(query) + ")")
            : "answered " + addresses + ", not the Service's " + address);
  }

  /** curl's own message (-sS prints it on stderr), else its exit code. */
  private static String curlError(CommandResult curl) {
    String stderr = curl.stderr().strip();
    return stderr.isEmpty() ? "curl exited " + curl.exitCode() : lastLine(stderr);
  }

  private static String lastError(CommandResult command) {
    String stderr = command.stderr().strip();
    return stderr.isEmpty() ? "exited " + command.exitCode() : lastLine(stderr);
  }

  private static String lastLine(String text) {
    return text.lines().reduce((first, last) -> last).orElse(text);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }

  private static String shortened(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
  }
}
