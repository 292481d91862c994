package id.sertiflow.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes a learner's personal data out of the engine's history of finished process instances while
 * keeping what operators see of how each ended: the instance (its start, end and the end event it
 * passed, "Closed: data erased" for an erasure in flight) and its activities stay, under a business
 * key that leads to no one (the certificate's id); the variables, the task descriptions, comments
 * and attachments, and the values the audit log recorded go. The runtime rows went with the
 * instance's end.
 *
 * <p>Camunda's public API deletes variables and comments but cannot change a finished instance's
 * business key or a finished task's description, so those two are plain updates of its history
 * tables, in the caller's transaction. Whatever the history level writes, no personal data is left:
 * at {@code operator} level (the default) there are no variables, details or job logs to begin
 * with.
 */
@Component
public class HistoryErasure {

  /** Rows in one IN list: well under every database's limit of bound parameters. */
  private static final int IN_LIST = 500;

  /** The audit log's properties whose values are free text that may name a learner. */
  private static final String FREE_TEXT_PROPERTIES =
      "'name', 'description', 'businessKey', 'value', 'deleteReason'";

  private final JdbcTemplate jdbc;
  private final HistoryService history;
  private final TaskService tasks;

  HistoryErasure(JdbcTemplate jdbc, HistoryService history, TaskService tasks) {
    this.jdbc = jdbc;
    this.history = history;
    this.tasks = tasks;
  }

  /**
   * The process instances of {@code processKey} whose business key is one of {@code businessKeys},
   * finished or not: business key to process instance id.
   */
  public Map<String, String> instancesOf(String processKey, Collection<String> businessKeys) {
    Map<String, String> found = new java.util.HashMap<>();
    for (List<String> keys : inLists(businessKeys)) {
      history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
          .processInstanceBusinessKeyIn(keys.toArray(String[]::new))
          // an operator's request may not ask for an unbound list (query-max-results-limit)
          .listPage(0, 2 * IN_LIST)
          .forEach(i -> found.put(i.getBusinessKey(), i.getId()));
    }
    return found;
  }

  /**
   * Erases the personal data of finished process instances: {@code newBusinessKeys} maps each
   * instance's id to the business key it is known by from now on.
   */
  public void erase(Map<String, String> newBusinessKeys) {
    if (newBusinessKeys.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("update ACT_HI_PROCINST set BUSINESS_KEY_ = ? where PROC_INST_ID_ = ?",
        newBusinessKeys.entrySet().stream()
            .map(e -> new Object[] {e.getValue(), e.getKey()}).toList());
    for (List<String> ids : inLists(newBusinessKeys.keySet())) {
      String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
      Object[] args = ids.toArray();
      // what Tasklist showed of the certificate and its learner
      jdbc.update("update ACT_HI_TASKINST set DESCRIPTION_ = null where PROC_INST_ID_ in (" + in
          + ") and DESCRIPTION_ is not null", args);
      // free text of the audit log: a task's name or description or a business key an operator
      // changed over /engine-rest, and operators' annotations; who did what when stays
      jdbc.update("update ACT_HI_OP_LOG set ORG_VALUE_ = null, NEW_VALUE_ = null"
          + " where PROC_INST_ID_ in (" + in + ") and PROPERTY_ in (" + FREE_TEXT_PROPERTIES + ")",
          args);
      jdbc.update("update ACT_HI_OP_LOG set ANNOTATION_ = null where PROC_INST_ID_ in (" + in
          + ") and ANNOTATION_ is not null", args);
      jdbc.queryForList("select distinct PROC_INST_ID_ from ACT_HI_VARINST where PROC_INST_ID_ in ("
          + in + ")", String.class, args)
          .forEach(history::deleteHistoricVariableInstancesByProcessInstanceId);
      // notes and files operators attached to the learner's tasks
      jdbc.update("delete from ACT_HI_COMMENT where PROC_INST_ID_ in (" + in + ")", args);
      jdbc.queryForList("select ID_ from ACT_HI_ATTACHMENT where PROC_INST_ID_ in (" + in + ")",
          String.class, args).forEach(tasks::deleteAttachment);
    }
  }

  private static <T> List<List<T>> inLists(Collection<T> all) {
    List<T> list = new ArrayList<>(all);
    List<List<T>> lists = new ArrayList<>();
    for (int from = 0; from < list.size(); from += IN_LIST) {
      lists.add(list.subList(from, Math.min(list.size(), from + IN_LIST)));
    }
    return lists;
  }
}
