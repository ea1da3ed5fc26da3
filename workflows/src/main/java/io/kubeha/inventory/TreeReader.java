package io.kubeha.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML tree into the inventory records, walking the records' components as the schema.
 * Unknown fields and wrong types become problems and the field null, so one pass finds them all.
 * List entries keep their index (a bad entry stays as null) so later paths stay right.
 */
final class TreeReader {
  private final Problems problems;

  TreeReader(Problems problems) {
    this.problems = problems;
  }

  Object read(JsonNode node, Type type, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (type == String.class) {
      return readString(node, path);
    }
    if (type == Integer.class) {
      return readInteger(node, path);
    }
    if (type == Boolean.class) {
      return readBoolean(node, path);
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return readList(node, p.getActualTypeArguments()[0], path);
    }
    if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
      return readMap(node, p.getActualTypeArguments()[1], path);
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      return readRecord(node, c, path);
    }
    throw new IllegalArgumentException("the inventory schema has an unsupported type " + type);
  }

  /** The name a record component has in YAML: its @JsonProperty name, else its own. */
  static String yamlName(RecordComponent component) {
    JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
    return renamed != null ? renamed.value() : component.getName();
  }

  static List<String> yamlNames(Class<?> recordType) {
    return Arrays.stream(recordType.getRecordComponents()).map(TreeReader::yamlName).toList();
  }

  private Object readRecord(JsonNode node, Class<?> type, String path) {
    List<String> known = yamlNames(type);
    if (!node.isObject()) {
      problems.add(
          path,
          "must be a mapping, not " + describe(node),
          "write its fields (" + String.join(", ", known) + ") as key: value lines");
      return null;
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                String fix =
                    Suggestions.closest(name, known)
                        .map(s -> "did you mean " + s + "?")
                        .orElse("remove it; known fields here: " + String.join(", ", known));
                problems.add(child(path, name), "unknown field", fix);
              }
            });
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = yamlName(components[i]);
      values[i] = read(node.get(name), components[i].getGenericType(), child(path, name));
    }
    try {
      Class<?>[] types =
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  private List<Object> readList(JsonNode node, Type element, String path) {
    if (!node.isArray()) {
      problems.add(
          path, "must be a list, not " + describe(node), "write it as [a, b] or as '- item' lines");
      return null;
    }
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String itemPath = path + "[" + i + "]";
      JsonNode item = node.get(i);
      if (item.isNull()) {
        problems.add(itemPath, "is empty", "fill in the entry or remove its '-' line");
      }
      values.add(read(item, element, itemPath));
    }
    return Collections.unmodifiableList(values);
  }

  private Map<String, Object> readMap(JsonNode node, Type value, String path) {
    if (!node.isObject()) {
      problems.add(
          path, "must be a mapping, not " + describe(node), "write it as key: value lines");
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> values.put(e.getKey(), read(e.getValue(), value, path + "[" + e.getKey() + "]")));
    return Collections.unmodifiableMap(values);
  }

  private String readString(JsonNode node, String path) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    if (node.isNumber()) {
      problems.add(
          path,
          "is read by YAML as the number " + node.asText(),
          "quote it, e.g. \"1.30.0\", so no digits are lost");
    } else {
      problems.add(path, "must be text, not " + describe(node), "write a single value");
    }
    return null;
  }

  private Integer readInteger(JsonNode node, String path) {
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.intValue();
    }
    String why =
        node.isIntegralNumber()
            ? "is out of range"
            : "must be a whole number, not " + describe(node);
    problems.add(path, why, "write a whole number without quotes");
    return null;
  }

  private Boolean readBoolean(JsonNode node, String path) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    problems.add(
        path, "must be true or false, not " + describe(node), "write true or false without quotes");
    return null;
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isTextual()) {
      return "the text \"" + node.textValue() + "\"";
    }
    return node.asText();
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
