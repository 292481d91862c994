/**
 * Moving running certificates onto a new version of {@code certificate-reporting}: the migration
 * plan of each version step, checked before it runs, and run as a Camunda batch that operators
 * start and watch ({@code /api/v1/process-migrations}, Cockpit's Batches).
 */
package id.sertiflow.migration;
