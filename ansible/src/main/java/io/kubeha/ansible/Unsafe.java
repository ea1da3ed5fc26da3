package io.kubeha.ansible;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;

/**
 * Text Ansible must take literally, written with the {@code !unsafe} tag: file contents and
 * commands may hold "{{", "{%" or "{#" (a shell's ${#x}), which Jinja would otherwise evaluate.
 */
@JsonSerialize(using = Unsafe.Writer.class)
public record Unsafe(String text) {

  /** Writes the tag, then the text. */
  static final class Writer extends JsonSerializer<Unsafe> {
    @Override
    public void serialize(Unsafe value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeTypeId(AnsibleYaml.UNSAFE_TAG);
      gen.writeString(value.text());
    }
  }
}
