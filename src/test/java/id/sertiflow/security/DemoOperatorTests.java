package id.sertiflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.sertiflow.SertiflowTest;
import id.sertiflow.TestOperators;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a prod node would refuse in a database demo mode used: the demo operator, found by its
 * stored password and its demo-mode mark, never by a login that would lock it.
 */
@SertiflowTest
class DemoOperatorTests {

  @Autowired ProcessEngine engine;
  @Autowired IdentityService identity;

  TestOperators operators;

  @AfterEach
  void deleteUsers() {
    if (operators != null) {
      operators.deleteAll();
    }
  }

  @Test
  void findsTheDemoOperatorByItsPasswordAndItsMarkButNotARealOperator() {
    operators = new TestOperators(identity);
    String real = operators.create(OperatorGroups.OPERATIONS);

    assertThat(DemoOperator.leftFromDemoMode(engine))
        .contains("demo (the demo password, created by demo mode)")
        .noneMatch(left -> left.startsWith(real + " "));
    // the look-up is no login: the demo operator can still log in at once
    assertThat(identity.checkPassword("demo", "demo")).isTrue();
  }
}
