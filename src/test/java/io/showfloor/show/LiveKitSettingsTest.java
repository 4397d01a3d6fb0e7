package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LiveKit: browsers get livekit.url, the node calls livekit.apiUrl")
class LiveKitSettingsTest {
  private static Settings livekit(JsonObject livekit) {
    return new Settings(new JsonObject().put("livekit", livekit));
  }

  @Test
  @DisplayName(
      "room-service calls go to livekit.apiUrl when set, and to livekit.url (as http) otherwise")
  void serverSideUrl() {
    LiveKitSettings split =
        LiveKitSettings.from(
            livekit(
                new JsonObject()
                    .put("url", "ws://localhost:7880")
                    .put("apiUrl", "http://livekit:7880")));
    assertEquals("ws://localhost:7880", split.url());
    assertEquals("http://livekit:7880", split.httpUrl());
    LiveKitSettings same =
        LiveKitSettings.from(
            livekit(new JsonObject().put("url", "wss://video.example.com").put("apiUrl", "")));
    assertEquals("https://video.example.com", same.httpUrl());
  }

  @Test
  @DisplayName("a malformed livekit.url or livekit.apiUrl stops start-up naming the setting")
  void badUrls() {
    for (JsonObject bad :
        new JsonObject[] {
          new JsonObject().put("url", "localhost:7880"),
          new JsonObject().put("url", "ws://localhost:7880").put("apiUrl", "ftp://livekit"),
          new JsonObject().put("url", "ws://localhost:7880").put("apiUrl", "http://li ve")
        }) {
      ConfigException refused =
          assertThrows(ConfigException.class, () -> LiveKitSettings.from(livekit(bad)));
      assertTrue(
          refused
              .getMessage()
              .contains(
                  bad.containsKey("apiUrl")
                      ? "livekit.apiUrl (LIVEKIT_API_URL)"
                      : "livekit.url (LIVEKIT_URL)"),
          refused.getMessage());
    }
  }
}
