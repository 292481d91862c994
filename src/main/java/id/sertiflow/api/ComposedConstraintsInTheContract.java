package id.sertiflow.api;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;

/**
 * Publishes the limits of a constraint of SertiFlow's own that is composed of Bean Validation's
 * {@link Size} (a learner's name: {@code @LearnerName}) the way swagger publishes a {@code @Size}
 * written on the field itself, which it does not look through a composed constraint for.
 */
@Component
class ComposedConstraintsInTheContract implements PropertyCustomizer {

  @Override
  public Schema customize(Schema property, AnnotatedType type) {
    if (property == null || type.getCtxAnnotations() == null) {
      return property;
    }
    for (Annotation constraint : type.getCtxAnnotations()) {
      Size size = constraint.annotationType().getAnnotation(Size.class);
      if (size == null) {
        continue;
      }
      if (size.max() != Integer.MAX_VALUE && property.getMaxLength() == null) {
        property.setMaxLength(size.max());
      }
      if (size.min() > 0 && property.getMinLength() == null) {
        property.setMinLength(size.min());
      }
    }
    return property;
  }
}
