package dev.blocksmith.nodes.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Decides, quickly and without hanging, whether a model-zoo download could work: DJL's zoo has no
 * timeout when offline and fails with a raw {@code UnknownHostException}, so Blocksmith checks
 * first — refusing at once when {@code ai.djl.offline} is set, else trying a 2-second connection.
 */
final class ZooAccess {
  /** The host DJL's model zoo downloads from. */
  static final String ZOO_HOST = "mlrepo.djl.ai";

  private static final int TIMEOUT_MS = 2000;

  private ZooAccess() {}

  /** Returns why the zoo cannot be reached, or null when a connection succeeded. */
  static String unreachable(String url) {
    if (Boolean.getBoolean("ai.djl.offline")) {
      return "Blocksmith is set to work offline (ai.djl.offline=true)";
    }
    String host = ZOO_HOST;
    int port = 443;
    try {
      URI uri = URI.create(url);
      if (uri.getHost() != null && !"djl".equals(uri.getScheme())) {
        host = uri.getHost();
        port = uri.getPort() > 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
      }
    } catch (IllegalArgumentException e) {
      return "\"" + url + "\" is not a valid address";
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return "there is no connection to " + host;
    }
  }
}
