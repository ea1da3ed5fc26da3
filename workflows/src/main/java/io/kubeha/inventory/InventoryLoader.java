package io.kubeha.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Parses inventory YAML (a String: no file I/O) into an {@link Inventory} with every default filled
 * in, reporting syntax errors, unknown fields and wrong types as problems.
 *
 * <p>parse() checks the shape only; {@link #load} also runs {@link InventoryValidator}, so one call
 * reports every problem of a file at once.
 */
public final class InventoryLoader {
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  /** Bigger inventories are refused before parsing (a 50 MB scalar once took minutes). */
  public static final int MAX_CHARS = 1024 * 1024;

  private InventoryLoader() {}

  /** The shape check: syntax, unknown fields, types. The inventory has its defaults filled. */
  public static LoadResult parse(String yaml, String sourceName) {
    return parse(yaml, sourceName, UnaryOperator.identity());
  }

  /**
   * The same, with what the command line sets over the file (`up --bundle`) applied before the
   * defaults, so the defaults and rules see it as if the file said it.
   */
  public static LoadResult parse(String yaml, String sourceName, UnaryOperator<Inventory> given) {
    Problems problems = new Problems();
    if (yaml.length() > MAX_CHARS) {
      problems.add(
          sourceName,
          "is larger than 1 MiB (" + yaml.length() + " characters)",
          "an inventory of even " + HostRules.MAX_HOSTS + " hosts fits in 1 MiB: check the file");
      return new LoadResult(null, problems.list());
    }
    JsonNode root;
    try {
      root = singleDocument(yaml, sourceName, problems);
    } catch (JsonProcessingException e) {
      YamlSyntaxError.report(e, sourceName, problems);
      return new LoadResult(null, problems.list());
    } catch (IOException e) {
      throw new IllegalStateException("reading a String cannot fail", e);
    }
    if (root == null || !problems.isEmpty()) {
      return new LoadResult(null, problems.list());
    }
    if (!root.isObject()) {
      problems.add(
          sourceName,
          "is not an inventory: the document is not a mapping",
          "start from examples/runbook.yaml (apiVersion, kind, metadata, spec)");
      return new LoadResult(null, problems.list());
    }
    Inventory raw = (Inventory) new TreeReader(problems).read(root, Inventory.class, "");
    return new LoadResult(InventoryDefaults.fill(given.apply(raw)), problems.list());
  }

  /** Parse and validate: every problem of the text, shape and rules together. */
  public static LoadResult load(String yaml, String sourceName) {
    return load(yaml, sourceName, UnaryOperator.identity());
  }

  /** Parse with what the command line sets over the file, and validate. */
  public static LoadResult load(String yaml, String sourceName, UnaryOperator<Inventory> given) {
    LoadResult parsed = parse(yaml, sourceName, given);
    if (parsed.inventory() == null) {
      return parsed;
    }
    List<Problem> all = new ArrayList<>(parsed.problems());
    for (Problem p : InventoryValidator.validate(parsed.inventory())) {
      if (!alreadyReported(p, parsed.problems())) {
        all.add(p);
      }
    }
    return new LoadResult(parsed.inventory(), all);
  }

  private static JsonNode singleDocument(String yaml, String sourceName, Problems problems)
      throws IOException {
    rejectAliases(yaml, sourceName, problems);
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.createParser(yaml)) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          documents.add(doc);
        }
      }
    }
    if (documents.isEmpty()) {
      problems.add(
          sourceName, "is empty", "write an inventory; examples/runbook.yaml is a complete one");
      return null;
    }
    if (documents.size() > 1) {
      problems.add(
          sourceName,
          "holds " + documents.size() + " YAML documents",
          "keep one inventory per file");
    }
    return documents.get(0);
  }

  /** Jackson reads an alias (*name) as the text "name", so an inventory must spell values out. */
  private static void rejectAliases(String yaml, String sourceName, Problems problems)
      throws IOException {
    try (YAMLParser parser = (YAMLParser) YAML.createParser(yaml)) {
      while (parser.nextToken() != null) {
        if (parser.isCurrentAlias()) {
          problems.add(
              YamlSyntaxError.at(sourceName, parser.currentTokenLocation()),
              "uses the YAML alias *" + parser.getText(),
              "write the values out; kubeha does not expand YAML anchors and aliases");
        }
      }
    }
  }

  /** A wrong-typed field is null in the model; the validator's "missing" for it would repeat it. */
  private static boolean alreadyReported(Problem p, List<Problem> shapeProblems) {
    return shapeProblems.stream()
        .anyMatch(
            s ->
                p.path().equals(s.path())
                    || p.path().startsWith(s.path() + ".")
                    || p.path().startsWith(s.path() + "["));
  }
}
