package id.sertiflow;

import static org.assertj.core.api.Assertions.assertThat;

import id.sertiflow.certificate.CertificateProcess;
import id.sertiflow.certificate.EscalationOutcome;
import id.sertiflow.certificate.Stage;
import id.sertiflow.escalation.EscalationDetails;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The BPMN files are the source of truth for the flow, and Java names parts of them: process keys,
 * each stage's wait ({@link Stage}), messages, variables, form fields, and the beans the models
 * call. These checks read both files with Camunda's model API, without starting the service, and
 * fail when a name on one side is missing or spelled differently on the other, before a
 * certificate would stop at a message nobody catches or a bean nobody defines.
 */
class ProcessModelTests {

  static final File CERTIFICATE_FILE = new File("processes/certificate-reporting.bpmn");
  static final File REPORT_FILE = new File("processes/platform-daily-report.bpmn");
  static final String REPORT_PROCESS = "id.sertiflow.reporting.ReportProcess";

  /**
   * Variables the code names that no model reads, each for a reason: they pass between code and
   * are kept on the instance for operators, not for the flow.
   */
  static final Map<String, String> VARIABLES_THE_MODELS_DO_NOT_READ = Map.of(
      CertificateProcess.VAR_EVENT_OCCURRED_AT, "transient, read by the stage's end listener in Java",
      CertificateProcess.VAR_PMO_REJECTION_DETAIL, "kept on the instance for operators in Cockpit",
      "runSlot", "passed from openReportRun to collectDueReports");

  /** Names the engine gives every expression. */
  static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "authenticatedUserId");
  static final Set<String> EL_WORDS = Set.of("true", "false", "null", "empty", "not", "and", "or",
      "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");

  static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  static final Pattern ROOT = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)(\\s*\\.\\s*(\\w+)(\\s*\\()?)?");

  final BpmnModelInstance certificate = Bpmn.readModelFromFile(CERTIFICATE_FILE);
  final BpmnModelInstance report = Bpmn.readModelFromFile(REPORT_FILE);

  // --- the certificate process ------------------------------------------------------------------

  @Test
  void theProcessKeysAreTheModelsProcessIds() throws Exception {
    assertThat(processIds(certificate)).containsExactly(CertificateProcess.KEY);
    assertThat(processIds(report)).containsExactly(constant(REPORT_PROCESS, "KEY"));
  }

  @Test
  void everyAwaitedStageWaitsInItsScopeForItsMessageWithItsDeadlineAndEscalation() {
    assertThat(Stage.AWAITED).isNotEmpty();
    for (Stage stage : Stage.AWAITED) {
      Stage.Wait wait = stage.waiting();
      String deadline = "${" + wait.dueAtVariable() + "}";

      SubProcess scope = certificate.getModelElementById(wait.scope());
      assertThat(scope).as("%s: the sub-process %s it waits in", stage, wait.scope()).isNotNull();

      List<IntermediateCatchEvent> catches = scope.getChildElementsByType(IntermediateCatchEvent.class)
          .stream().filter(e -> messagesOf(e).contains(wait.message())).toList();
      assertThat(catches).as("%s: a catch of message %s directly in %s", stage, wait.message(),
          wait.scope()).hasSize(1);
      assertThat(executionListeners(catches.get(0), "end"))
          .as("%s: the catch's end listener marks this stage done", stage)
          .contains("${certificateProgress.stageDone(execution, '" + stage.name() + "')}");

      List<String> timers = inside(scope, StartEvent.class).stream()
          .filter(start -> !start.isInterrupting())
          .flatMap(start -> start.getEventDefinitions().stream())
          .filter(TimerEventDefinition.class::isInstance).map(TimerEventDefinition.class::cast)
          .filter(timer -> timer.getTimeDate() != null)
          .map(timer -> timer.getTimeDate().getTextContent().strip()).toList();
      assertThat(timers).as("%s: the non-interrupting deadline timer in %s", stage, wait.scope())
          .containsExactly(deadline);

      UserTask escalation = certificate.getModelElementById(wait.escalationTask());
      assertThat(escalation).as("%s: the escalation task %s", stage, wait.escalationTask())
          .isNotNull();
      assertThat(isInside(escalation, scope)).as("%s: %s inside %s", stage,
          wait.escalationTask(), wait.scope()).isTrue();
      assertThat(escalation.getCamundaDueDate()).as("%s: the escalation's due date", stage)
          .isEqualTo(deadline);
    }
  }

  @Test
  void theModelsDefineEveryMessageTheCodeSendsAndNoOther() throws Exception {
    Set<String> named = new TreeSet<>(constants(CertificateProcess.class, "MESSAGE_"));
    Stage.AWAITED.forEach(stage -> named.add(stage.waiting().message()));
    assertThat(messageNames(certificate)).as("messages of %s", CERTIFICATE_FILE)
        .containsExactlyInAnyOrderElementsOf(named);
    assertThat(messageNames(report)).as("messages of %s", REPORT_FILE)
        .containsExactlyInAnyOrderElementsOf(constants(Class.forName(REPORT_PROCESS), "MESSAGE_"));
  }

  @Test
  void theModelsReadEveryVariableTheCodeNames() throws Exception {
    Set<String> certificateNames = new TreeSet<>(constants(CertificateProcess.class, "VAR_"));
    Stage.AWAITED.forEach(stage -> certificateNames.add(stage.waiting().dueAtVariable()));
    certificateNames.removeAll(VARIABLES_THE_MODELS_DO_NOT_READ.keySet());
    assertThat(variablesIn(CERTIFICATE_FILE)).as("variables %s reads or fills", CERTIFICATE_FILE)
        .containsAll(certificateNames);

    Set<String> reportNames = new TreeSet<>(constants(Class.forName(REPORT_PROCESS), "VAR_"));
    reportNames.removeAll(VARIABLES_THE_MODELS_DO_NOT_READ.keySet());
    assertThat(variablesIn(REPORT_FILE)).as("variables %s reads", REPORT_FILE)
        .containsAll(reportNames);
  }

  @Test
  void everyTaskThatShowsEscalationDetailsHasAFormFieldForEachOfThem() throws Exception {
    List<String> fields = constants(EscalationDetails.class, "");
    assertThat(fields).isNotEmpty();
    List<UserTask> shown = certificate.getModelElementsByType(UserTask.class).stream()
        .filter(task -> taskListeners(task).contains("${escalationDetails.describe(task)}")).toList();
    assertThat(shown).as("tasks that show escalation details").isNotEmpty();
    for (UserTask task : shown) {
      assertThat(formFields(task).keySet()).as("the form of %s", task.getId())
          .contains(CertificateProcess.VAR_CERTIFICATE_ID).containsAll(fields);
      // counted when the form is shown, never stored: what a submit writes is taken away
      for (String field : fields) {
        assertThat(formFields(task).get(field).getCamundaDefaultValue())
            .as("the default of %s on %s", field, task.getId())
            .isEqualTo("${escalationDetails.field(execution, '" + field + "')}");
      }
      assertThat(taskListeners(task)).as("the listeners of %s", task.getId())
          .contains("${escalationDetails.submitted(task)}");
    }
    // every chase task of a stage is one of them
    assertThat(shown).extracting(BaseElement::getId).contains(Stage.escalationTasks());
  }

  @Test
  void everyEscalationFormOffersOnlyOutcomesTheCodeKnows() {
    Set<String> known = Arrays.stream(EscalationOutcome.values()).map(Enum::name)
        .collect(Collectors.toSet());
    List<CamundaFormField> outcomes = certificate.getModelElementsByType(CamundaFormField.class)
        .stream().filter(f -> CertificateProcess.VAR_ESCALATION_OUTCOME.equals(f.getCamundaId()))
        .toList();
    assertThat(outcomes).isNotEmpty();
    for (CamundaFormField field : outcomes) {
      assertThat(field.getCamundaValues()).extracting(CamundaValue::getCamundaId)
          .as("the outcomes a form offers")
          .isNotEmpty().isSubsetOf(known);
    }
  }

  // --- beans ------------------------------------------------------------------------------------

  @Test
  void everyDelegateOfTheCodeIsCalledByAModel() throws Exception {
    Set<String> delegated = new HashSet<>();
    for (File file : List.of(CERTIFICATE_FILE, REPORT_FILE)) {
      for (Use use : expressionsIn(file)) {
        if (use.attribute().equals("camunda:delegateExpression")) {
          delegated.add(use.expression().strip());
        }
      }
    }
    List<String> delegates = beans().entrySet().stream()
        .filter(bean -> JavaDelegate.class.isAssignableFrom(bean.getValue()))
        .map(Map.Entry::getKey).toList();
    assertThat(delegates).as("the JavaDelegate beans").isNotEmpty();
    assertThat(delegated).as("the delegate expressions of both models").containsAll(delegates);
  }

  @Test
  void everyExpressionOfTheModelsNamesABeanOrAVariableThatExists() throws Exception {
    Map<String, Class<?>> beans = beans();
    List<String> problems = new ArrayList<>();
    for (File file : List.of(CERTIFICATE_FILE, REPORT_FILE)) {
      Set<String> variables = new HashSet<>(variablesTheCodeOrTheFormsSet(file));
      List<Use> uses = expressionsIn(file);
      assertThat(uses).as("expressions in %s", file).isNotEmpty();
      for (Use use : uses) {
        problems.addAll(check(use, beans, variables));
      }
    }
    assertThat(problems).as("expressions naming what does not exist").isEmpty();
  }

  /** What is wrong with one expression: each name it starts from, and each method it calls. */
  static List<String> check(Use use, Map<String, Class<?>> beans, Set<String> variables) {
    List<String> problems = new ArrayList<>();
    String where = use.file().getName() + " " + use.element() + " " + use.attribute() + ": "
        + use.whole();
    if (use.attribute().equals("camunda:delegateExpression")
        && !beans.containsKey(use.expression().strip())) {
      problems.add(where + ": no bean named " + use.expression().strip());
      return problems;
    }
    String code = QUOTED.matcher(use.expression()).replaceAll("''");
    Matcher root = ROOT.matcher(code);
    while (root.find()) {
      String name = root.group(1);
      if (EL_WORDS.contains(name) || ENGINE_NAMES.contains(name)) {
        continue;
      }
      Class<?> bean = beans.get(name);
      if (bean == null) {
        if (root.group(2) != null || !variables.contains(name)) {
          problems.add(where + ": no bean" + (root.group(2) == null ? " or variable" : "")
              + " named " + name);
        }
        continue;
      }
      if (root.group(2) != null) {
        String member = root.group(3);
        boolean call = root.group(4) != null;
        int arguments = call ? arguments(code, root.end()) : 0;
        if (!hasMember(bean, member, call, arguments)) {
          problems.add(where + ": " + name + " (" + bean.getSimpleName() + ") has no public "
              + (call ? "method " + member + " of " + arguments + " argument(s)"
                  : "property " + member));
        }
      }
    }
    return problems;
  }

  static boolean hasMember(Class<?> bean, String member, boolean call, int arguments) {
    String capitalised = Character.toUpperCase(member.charAt(0)) + member.substring(1);
    for (Method method : bean.getMethods()) {
      if (call && method.getName().equals(member) && method.getParameterCount() == arguments) {
        return true;
      }
      if (!call && method.getParameterCount() == 0 && (method.getName().equals("get" + capitalised)
          || method.getName().equals("is" + capitalised))) {
        return true;
      }
    }
    return false;
  }

  /** How many arguments the call whose "(" ends at {@code open} passes. */
  static int arguments(String code, int open) {
    int depth = 1;
    int commas = 0;
    boolean any = false;
    for (int i = open; i < code.length() && depth > 0; i++) {
      char c = code.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 1) {
        commas++;
      } else if (!Character.isWhitespace(c) && depth == 1) {
        any = true;
      }
    }
    return any ? commas + 1 : 0;
  }

  /**
   * The beans of the service's own classes by name, found as Spring's component scan finds them
   * ({@code @Component} and what it annotates, named as Spring names them) and by their {@code
   * @Bean} methods, without starting a context.
   */
  static Map<String, Class<?>> beans() throws Exception {
    ClassPathScanningCandidateComponentProvider scan =
        new ClassPathScanningCandidateComponentProvider(false);
    scan.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
    Map<String, Class<?>> beans = new TreeMap<>();
    for (BeanDefinition found : scan.findCandidateComponents(SertiflowApplication.class.getPackageName())) {
      Class<?> type = Class.forName(found.getBeanClassName());
      if (type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
        continue; // the service's beans, not the tests' own
      }
      beans.put(AnnotationBeanNameGenerator.INSTANCE.generateBeanName(found, registry), type);
      for (Method method : type.getDeclaredMethods()) {
        Bean bean = method.getAnnotation(Bean.class);
        if (bean != null) {
          List<String> names = new ArrayList<>(Arrays.asList(bean.name()));
          names.addAll(Arrays.asList(bean.value()));
          beans.put(names.isEmpty() ? method.getName() : names.get(0), method.getReturnType());
        }
      }
    }
    return beans;
  }

  // --- reading the models -----------------------------------------------------------------------

  /** One expression: where it is written and what it says. */
  record Use(File file, String element, String attribute, String whole, String expression) {}

  /** Every expression in a model file: in any attribute or text, on any element. */
  static List<Use> expressionsIn(File file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Element root = factory.newDocumentBuilder().parse(file).getDocumentElement();
    List<Use> uses = new ArrayList<>();
    collect(file, root, uses);
    return uses;
  }

  private static void collect(File file, Element element, List<Use> uses) {
    String where = element.getTagName() + (element.hasAttribute("id")
        ? "#" + element.getAttribute("id") : "");
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      addExpressions(file, where, attribute.getName(), attribute.getValue(), uses);
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element inner) {
        collect(file, inner, uses);
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        addExpressions(file, where, "text", child.getNodeValue(), uses);
      }
    }
  }

  private static void addExpressions(File file, String where, String attribute, String value,
      List<Use> uses) {
    Matcher matcher = EXPRESSION.matcher(value);
    while (matcher.find()) {
      uses.add(new Use(file, where, attribute, matcher.group(), matcher.group(1)));
    }
  }

  /** The variables a model reads: names in its expressions, form fields, multi-instance items. */
  static Set<String> variablesIn(File file) throws Exception {
    Set<String> names = new TreeSet<>();
    for (Use use : expressionsIn(file)) {
      Matcher root = ROOT.matcher(QUOTED.matcher(use.expression()).replaceAll("''"));
      while (root.find()) {
        names.add(root.group(1));
      }
    }
    BpmnModelInstance model = Bpmn.readModelFromFile(file);
    model.getModelElementsByType(CamundaFormField.class).forEach(f -> names.add(f.getCamundaId()));
    names.addAll(elementVariables(file));
    return names;
  }

  /**
   * The variables that exist when a model's expressions run: those the code names, the form
   * fields a task completes with, and the items of multi-instance loops.
   */
  static Set<String> variablesTheCodeOrTheFormsSet(File file) throws Exception {
    Set<String> names = new TreeSet<>(constants(CertificateProcess.class, "VAR_"));
    Stage.AWAITED.forEach(stage -> names.add(stage.waiting().dueAtVariable()));
    names.addAll(constants(Class.forName(REPORT_PROCESS), "VAR_"));
    Bpmn.readModelFromFile(file).getModelElementsByType(CamundaFormField.class)
        .forEach(f -> names.add(f.getCamundaId()));
    names.addAll(elementVariables(file));
    return names;
  }

  private static Set<String> elementVariables(File file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var loops = factory.newDocumentBuilder().parse(file).getElementsByTagNameNS(
        "http://www.omg.org/spec/BPMN/20100524/MODEL", "multiInstanceLoopCharacteristics");
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < loops.getLength(); i++) {
      String item = ((Element) loops.item(i))
          .getAttributeNS("http://camunda.org/schema/1.0/bpmn", "elementVariable");
      if (!item.isBlank()) {
        names.add(item);
      }
    }
    return names;
  }

  static List<String> processIds(BpmnModelInstance model) {
    return model.getModelElementsByType(Process.class).stream().map(Process::getId).toList();
  }

  static List<String> messageNames(BpmnModelInstance model) {
    return model.getModelElementsByType(Message.class).stream().map(Message::getName).toList();
  }

  static List<String> messagesOf(IntermediateCatchEvent event) {
    return event.getEventDefinitions().stream().filter(MessageEventDefinition.class::isInstance)
        .map(d -> ((MessageEventDefinition) d).getMessage())
        .filter(m -> m != null).map(Message::getName).toList();
  }

  static List<String> executionListeners(BaseElement element, String event) {
    if (element.getExtensionElements() == null) {
      return List.of();
    }
    return element.getExtensionElements().getElementsQuery()
        .filterByType(CamundaExecutionListener.class).list().stream()
        .filter(l -> event.equals(l.getCamundaEvent()))
        .map(CamundaExecutionListener::getCamundaExpression).toList();
  }

  static List<String> taskListeners(UserTask task) {
    if (task.getExtensionElements() == null) {
      return List.of();
    }
    return task.getExtensionElements().getElementsQuery()
        .filterByType(CamundaTaskListener.class).list().stream()
        .map(CamundaTaskListener::getCamundaExpression).toList();
  }

  static Map<String, CamundaFormField> formFields(UserTask task) {
    Map<String, CamundaFormField> fields = new LinkedHashMap<>();
    inside(task, CamundaFormField.class).forEach(field -> fields.put(field.getCamundaId(), field));
    return fields;
  }

  /** The elements of {@code type} anywhere inside {@code scope}. */
  static <T extends ModelElementInstance> List<T> inside(ModelElementInstance scope, Class<T> type) {
    return scope.getModelInstance().getModelElementsByType(type).stream()
        .filter(element -> isInside(element, scope)).toList();
  }

  static boolean isInside(ModelElementInstance element, ModelElementInstance scope) {
    for (ModelElementInstance parent = element.getParentElement(); parent != null;
        parent = parent.getParentElement()) {
      if (parent.equals(scope)) {
        return true;
      }
    }
    return false;
  }

  /** The values of the static String constants of {@code type} whose names start with {@code prefix}. */
  static List<String> constants(Class<?> type, String prefix) throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
          && field.getType() == String.class && field.getName().startsWith(prefix)) {
        field.setAccessible(true);
        values.add((String) field.get(null));
      }
    }
    return values;
  }

  static String constant(String type, String name) throws Exception {
    Field field = Class.forName(type).getDeclaredField(name);
    field.setAccessible(true);
    return (String) field.get(null);
  }
}
