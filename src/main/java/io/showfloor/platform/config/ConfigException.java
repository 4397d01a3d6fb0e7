package io.showfloor.platform.config;

/** A setting is missing or wrong; start-up stops with this one line. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
