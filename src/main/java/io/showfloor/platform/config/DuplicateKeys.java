package io.showfloor.platform.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Refuses a configuration text that names a key twice in one object: the config retriever would
 * silently keep the last one, so a setting written in the first place would be ignored.
 */
final class DuplicateKeys {
  private static final JsonFactory STRICT_JSON =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private DuplicateKeys() {}

  /** Throws a one-line {@link ConfigException} naming the file and the repeated key. */
  static void refuseIn(String source, String text, boolean yaml) {
    if (yaml) {
      refuseInYaml(source, text);
    } else {
      refuseInJson(source, text);
    }
  }

  private static void refuseInJson(String source, String text) {
    try (JsonParser parser = STRICT_JSON.createParser(text)) {
      while (parser.nextToken() != null) {
        // reading every token is what makes the parser check each object's keys
      }
    } catch (JsonParseException e) {
      if (e.getOriginalMessage().startsWith("Duplicate field")) {
        throw new ConfigException(
            source
                + ": "
                + e.getOriginalMessage().replace("field", "key")
                + " at line "
                + e.getLocation().getLineNr()
                + " (each setting may appear once)");
      }
      // other syntax errors are reported by the config retriever with its own message
    } catch (IOException e) {
      throw new ConfigException(source + " cannot be read: " + e.getMessage());
    }
  }

  private static void refuseInYaml(String source, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    try {
      new Yaml(new SafeConstructor(options)).load(text);
    } catch (YAMLException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("found duplicate key")) {
        String line =
            message
                .lines()
                .filter(l -> l.contains("found duplicate key"))
                .findFirst()
                .orElse(message);
        throw new ConfigException(source + ": " + line.trim() + " (each setting may appear once)");
      }
    }
  }
}
