package id.sertiflow.engine;

import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;

/**
 * A group that holds {@code permissions} on every task: Camunda need not write a grant of its own
 * for each task that names the group as a candidate. Declared as a bean by whoever sets the
 * groups' grants up; the engine leaves out those per-task grants.
 */
public record EveryTaskGrant(String group, List<Permission> permissions) {}
