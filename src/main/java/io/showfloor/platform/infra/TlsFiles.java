package io.showfloor.platform.infra;

import io.showfloor.platform.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Set;

/**
 * CA files named in settings, checked at start-up so a wrong path is one line, not a failed
 * handshake later.
 */
final class TlsFiles {
  static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  private TlsFiles() {}

  /** The path of a readable file holding at least one PEM (or DER) X.509 certificate. */
  static Path certificates(String file, String setting) {
    Path path = Path.of(file).toAbsolutePath();
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigException(setting + " names " + path + ", which is not a readable file");
    }
    try (InputStream in = Files.newInputStream(path)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new ConfigException(setting + " names " + path + ", which holds no certificate");
      }
    } catch (IOException | CertificateException e) {
      throw new ConfigException(
          setting
              + " names "
              + path
              + ", which is not a PEM certificate ("
              + DatabaseUrl.oneLine(e)
              + ")");
    }
    return path;
  }
}
