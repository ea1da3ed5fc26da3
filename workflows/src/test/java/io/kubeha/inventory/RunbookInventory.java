package io.kubeha.inventory;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** examples/runbook.yaml as a tree a test can change before loading it again. */
final class RunbookInventory {
  static final Path FILE = Path.of("..", "examples", "runbook.yaml");
  private static final YAMLMapper YAML = new YAMLMapper();

  private final ObjectNode tree;

  private RunbookInventory(ObjectNode tree) {
    this.tree = tree;
  }

  static String text() {
    try {
      return Files.readString(FILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RunbookInventory load() {
    try {
      return new RunbookInventory((ObjectNode) YAML.readTree(text()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sets the value at a JSON pointer such as /spec/hosts/3/address (an array index may be one past
   * the end).
   */
  RunbookInventory set(String pointer, Object value) {
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = tree.at(p.head());
    JsonNode node = YAML.valueToTree(value);
    if (parent instanceof ArrayNode array) {
      int index = p.last().getMatchingIndex();
      if (index == array.size()) {
        array.add(node);
      } else {
        array.set(index, node);
      }
    } else {
      ((ObjectNode) parent).set(p.last().getMatchingProperty(), node);
    }
    return this;
  }

  RunbookInventory remove(String pointer) {
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = tree.at(p.head());
    if (parent instanceof ArrayNode array) {
      array.remove(p.last().getMatchingIndex());
    } else {
      ((ObjectNode) parent).remove(p.last().getMatchingProperty());
    }
    return this;
  }

  String yaml() {
    try {
      return YAML.writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  LoadResult loaded() {
    return InventoryLoader.load(yaml(), "test.yaml");
  }
}
