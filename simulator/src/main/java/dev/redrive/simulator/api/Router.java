package dev.redrive.simulator.api;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The endpoint's top handler: the first {@link Route} that matches a request handles it, the
 * fallback what none matches. The routes' handlers are its children, started and stopped with it.
 */
final class Router extends Handler.AbstractContainer {
  private final List<Route> routes;
  private final Handler fallback;

  Router(List<Route> routes, Handler fallback) {
    this.routes = List.copyOf(routes);
    this.fallback = fallback;
    for (Handler h : getHandlers()) {
      addBean(h);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    for (Route route : routes) {
      if (route.matches(request)) {
        return route.handler().handle(request, response, callback);
      }
    }
    return fallback.handle(request, response, callback);
  }

  @Override
  public List<Handler> getHandlers() {
    List<Handler> all = new ArrayList<>();
    for (Route route : routes) {
      if (!all.contains(route.handler())) {
        all.add(route.handler());
      }
    }
    if (!all.contains(fallback)) {
      all.add(fallback);
    }
    return all;
  }
}
