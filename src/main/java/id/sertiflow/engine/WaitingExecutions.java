package id.sertiflow.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The executions that wait for a message, found for a whole chunk of process instances (by
 * business key) in one statement, so that each message is then delivered to its execution by id
 * ({@link RuntimeService#messageEventReceived}) instead of through Camunda's correlation.
 *
 * <p>Why: a correlation by business key runs Camunda's execution query for every message, a
 * MyBatis statement built anew from dynamic SQL each time (with its joins on the subscription and
 * the process instance), and a correlation to all looks for message start events too; the
 * profiles of the daily report and the callbacks found 12–15% of their samples there
 * (docs/benchmarks.md). One look-up of a chunk's hundred certificates replaces a hundred.
 *
 * <p>Why not kept in the read model: the waiting execution changes under the certificate. When a
 * stage's deadline passes, its non-interrupting escalation expands the stage's scope and the
 * subscription moves to a new concurrent execution, and back when the escalation ends; the
 * engine's own subscription table is the one place that always knows, and reading it costs no
 * write on every wait entered.
 *
 * <p>A process that received a message within the running engine command waits anew in rows
 * that command has not written yet: neither this look-up nor Camunda's correlation (a query too)
 * sees them. Its next message in the same command (a platform event that implies an earlier
 * stage, or two events of one certificate in one array) is found in the command's own entity
 * cache instead, where the engine keeps what it has not flushed; through the correlation it
 * failed, and took the whole chunk back to one transaction per certificate.
 *
 * <p>In {@code engine}: it reads Camunda's runtime tables, whose shape is Camunda's; the
 * statement keeps to the columns and indexes of its published schema (business key, process
 * instance, the subscription's execution). The command's entity cache has no public API.
 */
@Component
public class WaitingExecutions {

  private static final String WAITING = "select p.BUSINESS_KEY_ as business_key,"
      + " p.ID_ as process_instance,"
      + " s.EVENT_NAME_ as message, s.EXECUTION_ID_ as execution_id"
      + " from ACT_RU_EXECUTION p"
      + " join ACT_RU_EXECUTION e on e.PROC_INST_ID_ = p.ID_"
      + " join ACT_RU_EVENT_SUBSCR s on s.EXECUTION_ID_ = e.ID_"
      + " where p.BUSINESS_KEY_ in (:keys) and p.PARENT_ID_ is null"
      // Camunda's correlation leaves out suspended instances; so does this
      + " and e.SUSPENSION_STATE_ = 1"
      + " and s.EVENT_TYPE_ = 'message' and s.EVENT_NAME_ in (:messages)";

  private final NamedParameterJdbcTemplate jdbc;

  WaitingExecutions(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Which executions of the process instances with these business keys wait for one of these
   * messages, as the database holds them now: what the current transaction's engine commands have
   * not flushed yet is not among them.
   */
  public Waits of(Collection<String> businessKeys, Collection<String> messages) {
    Map<String, Map<String, List<String>>> byKey = new HashMap<>();
    Map<String, String> processInstances = new HashMap<>();
    if (!businessKeys.isEmpty() && !messages.isEmpty()) {
      jdbc.query(WAITING, Map.of("keys", Set.copyOf(businessKeys), "messages", Set.copyOf(messages)),
          rs -> {
            String key = rs.getString("business_key");
            processInstances.put(key, rs.getString("process_instance"));
            byKey.computeIfAbsent(key, k -> new HashMap<>())
                .computeIfAbsent(rs.getString("message"), m -> new ArrayList<>())
                .add(rs.getString("execution_id"));
          });
    }
    return new Waits(byKey, processInstances);
  }

  /**
   * The waits of a chunk. The first message to a process is delivered to what the look-up found;
   * a process that received one has moved on, and what it waits for next is in the running
   * command's entity cache.
   */
  public static final class Waits {

    private final Map<String, Map<String, List<String>>> byKey;
    private final Map<String, String> processInstances;

    private Waits(Map<String, Map<String, List<String>>> byKey,
        Map<String, String> processInstances) {
      this.byKey = byKey;
      this.processInstances = processInstances;
    }

    /**
     * The executions of the process with this business key that wait for the message (none, one,
     * or more than one for a message several scopes wait for), taken: delivering it changes what
     * the process waits for. The first time, as the look-up found them; after that, as the
     * running engine command holds them, so that a process found by the look-up takes its next
     * message in the same command as well. None when the process was not found waiting, or
     * outside an engine command (each message is then a command of its own, flushed before the
     * next one, and Camunda's correlation finds its wait).
     */
    public List<String> take(String businessKey, String message) {
      Map<String, List<String>> found = byKey.remove(businessKey);
      if (found != null) {
        return found.getOrDefault(message, List.of());
      }
      // taken before, or never found waiting (then there is no process instance to look for)
      String processInstance = processInstances.get(businessKey);
      CommandContext command = Context.getCommandContext();
      if (processInstance == null || command == null) {
        return List.of();
      }
      DbEntityManager entities = command.getDbEntityManager();
      List<String> waiting = new ArrayList<>();
      for (EventSubscriptionEntity s
          : entities.getCachedEntitiesByType(EventSubscriptionEntity.class)) {
        if (!entities.isDeleted(s) && processInstance.equals(s.getProcessInstanceId())
            && EventType.MESSAGE.name().equals(s.getEventType())
            && message.equals(s.getEventName())) {
          waiting.add(s.getExecutionId());
        }
      }
      return waiting;
    }
  }
}
