package id.sertiflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Engine work that SertiFlow does itself when an operator's request sets it off: the deadlines a
 * calendar change moves, the platform events a resubmitted certificate may take at last. The
 * operator was allowed to make the change, not to modify process instances, so this work must
 * not be held to the operator's grants; it runs with Camunda's administrators' rights, still in the
 * operator's name, so that Camunda's audit log says who set it off. Outside an operator's request
 * (callbacks, the job executor) there is no one's name and nothing to lift.
 *
 * <p>In {@code engine}: Camunda's {@code Authentication} is its internal type, and no public API
 * sets groups on the current caller for a while and puts the caller back.
 */
@Component
public class AsTheService {

  private final IdentityService identity;

  AsTheService(IdentityService identity) {
    this.identity = identity;
  }

  public void run(Runnable work) {
    call(() -> {
      work.run();
      return null;
    });
  }

  /** Who set the engine work off: the operator's user id, or {@code null} outside a request. */
  public String callerName() {
    Authentication caller = identity.getCurrentAuthentication();
    return caller == null ? null : caller.getUserId();
  }

  public <T> T call(Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null) {
      return work.get();
    }
    List<String> groups = new ArrayList<>();
    if (caller.getGroupIds() != null) {
      groups.addAll(caller.getGroupIds());
    }
    groups.add(Groups.CAMUNDA_ADMIN);
    identity.setAuthentication(new Authentication(caller.getUserId(), groups,
        caller.getTenantIds()));
    try {
      return work.get();
    } finally {
      identity.setAuthentication(caller);
    }
  }
}
