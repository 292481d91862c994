package id.sertiflow.reporting;

import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import id.sertiflow.TestApi;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Posts completions through the batch door. */
final class MockMvcBatch {

  private MockMvcBatch() {}

  static void post(MockMvc mvc, ObjectMapper json, ArrayNode completions) throws Exception {
    int status = mvc.perform(MockMvcRequestBuilders.post("/api/v1/completions/batch")
            .header("X-Api-Key", TestApi.API_KEY).contentType(MediaType.APPLICATION_JSON)
            .content(json.writeValueAsBytes(completions)))
        .andReturn().getResponse().getStatus();
    if (status != 200) {
      throw new AssertionError("batch intake answered " + status);
    }
  }
}
