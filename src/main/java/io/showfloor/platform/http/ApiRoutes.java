package io.showfloor.platform.http;

/** A domain's HTTP surface: binds its operationIds from the OpenAPI contract to endpoints. */
public interface ApiRoutes {
  void mount(Api api);
}
