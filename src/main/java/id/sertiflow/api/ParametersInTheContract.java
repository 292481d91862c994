package id.sertiflow.api;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Publishes a handler's parameters as their {@link ParametersOf records} say: the schema swagger
 * resolves for each component (its type, and the limits and pattern of its Bean Validation
 * annotations), its {@code @Schema} description, and "required" where the component is.
 */
@Component
class ParametersInTheContract implements OperationCustomizer {

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    ParametersOf of = handler.getMethodAnnotation(ParametersOf.class);
    if (of == null || operation.getParameters() == null) {
      return operation;
    }
    Map<String, Schema> components = new HashMap<>();
    List<String> required = new ArrayList<>();
    for (Class<? extends Record> type : of.value()) {
      Schema<?> record = ModelConverters.getInstance()
          .resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(false)).schema;
      if (record.getProperties() != null) {
        components.putAll(record.getProperties());
      }
      if (record.getRequired() != null) {
        required.addAll(record.getRequired());
      }
    }
    for (Parameter parameter : operation.getParameters()) {
      Schema<?> component = components.get(parameter.getName());
      if (component == null) {
        continue;
      }
      parameter.setDescription(component.getDescription());
      component.setDescription(null);
      parameter.setSchema(component);
      parameter.setRequired("path".equals(parameter.getIn()) || required.contains(parameter.getName()));
    }
    return operation;
  }
}
