package io.kubeha.ansible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.Writer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * The YAML emitter for playbooks: Jackson YAML, block style, and scalar tags kept (for !unsafe).
 */
final class AnsibleYaml {
  static final String UNSAFE_TAG = "!unsafe";
  private static final YAMLMapper MAPPER =
      new YAMLMapper(new TaggingFactory())
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE);

  private AnsibleYaml() {}

  /**
   * value (maps, lists, strings, numbers, booleans, {@link Unsafe}) as a YAML document preceded by
   * "---".
   */
  static String write(Object value) {
    try {
      return "---\n" + MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  /**
   * Jackson drops a scalar's type id when it emits it; this factory's generator keeps it as an
   * explicit tag.
   */
  private static final class TaggingFactory extends YAMLFactory {
    @Override
    protected YAMLGenerator _createGenerator(Writer out, IOContext ctxt) throws IOException {
      return new TaggingGenerator(
          ctxt,
          _generatorFeatures,
          _yamlGeneratorFeatures,
          _quotingChecker,
          _objectCodec,
          out,
          dumperOptions());
    }

    /** Block style, and long commands kept on one line rather than folded with escapes. */
    private static DumperOptions dumperOptions() {
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      options.setIndent(2);
      options.setSplitLines(false);
      options.setWidth(Integer.MAX_VALUE);
      return options;
    }
  }

  private static final class TaggingGenerator extends YAMLGenerator {
    private static final ImplicitTuple EXPLICIT = new ImplicitTuple(false, false);

    TaggingGenerator(
        IOContext ctxt,
        int jsonFeatures,
        int yamlFeatures,
        StringQuotingChecker quoting,
        ObjectCodec codec,
        Writer out,
        DumperOptions options)
        throws IOException {
      super(ctxt, jsonFeatures, yamlFeatures, quoting, codec, out, options);
    }

    @Override
    protected ScalarEvent _scalarEvent(String value, DumperOptions.ScalarStyle style) {
      ScalarEvent event = super._scalarEvent(value, style);
      return event.getTag() == null
          ? event
          : new ScalarEvent(
              event.getAnchor(),
              event.getTag(),
              EXPLICIT,
              value,
              null,
              null,
              event.getScalarStyle());
    }
  }
}
