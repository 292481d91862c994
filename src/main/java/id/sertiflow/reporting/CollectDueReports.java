package id.sertiflow.reporting;

import id.sertiflow.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** "Collect due reports": this platform's certificates waiting for their report, in chunks. */
@Component("collectDueReports")
class CollectDueReports implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(CollectDueReports.class);

  private final ReportChunks chunks;
  private final ReportingProperties properties;

  CollectDueReports(ReportChunks chunks, ReportingProperties properties) {
    this.chunks = chunks;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Platform platform = Platform.valueOf((String) execution.getVariable(ReportProcess.VAR_PLATFORM));
    String runSlot = (String) execution.getVariable(ReportProcess.VAR_RUN_SLOT);
    List<String> unanswered = chunks.unansweredOfEarlierRuns(platform, runSlot);
    List<String> batchIds = new ArrayList<>(unanswered);
    batchIds.addAll(chunks.cut(platform, runSlot, properties.chunkSize()));
    execution.setVariableLocal(ReportProcess.VAR_CHUNK_IDS, batchIds);
    log.info("Daily report {} for {}: {} chunk(s){}", runSlot, platform, batchIds.size(),
        unanswered.isEmpty() ? "" : ", " + unanswered.size()
            + " of them unanswered in earlier runs and sent again under their own batch id");
  }
}
