// Builds what the learner sees from the status document. Every value from the server goes into
// the page as text (createTextNode / textContent), never as HTML.

import { t, formatDateTime, platformName, has, deadline } from './i18n.js';

const STATE_STYLE = {
  IN_PROGRESS: 'in-progress',
  ACTION_REQUIRED: 'action',
  VERIFIED: 'verified',
  REJECTED: 'rejected',
};

/** An element with attributes and children; strings become text nodes. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function time(lang, iso) {
  return h('time', { datetime: iso }, formatDateTime(lang, iso));
}

/** A phrase whose {date} is a <time> element. */
function phraseWithDate(lang, key, iso, values = {}) {
  const [before, after = ''] = t(lang, key, values).split('{date}');
  return [before, iso ? time(lang, iso) : '', after];
}

function badge(style, text, icon) {
  return h('span', { class: `badge badge--${style}` },
    h('span', { class: 'badge__icon', 'aria-hidden': 'true' }, icon), text);
}

const STATE_ICON = { IN_PROGRESS: '', ACTION_REQUIRED: '!', VERIFIED: '✓', REJECTED: '×' };

export function renderCertificate(lang, doc) {
  const state = STATE_STYLE[doc.state] ? doc.state : 'IN_PROGRESS';
  const platform = platformName(lang, doc.platform);
  const card = h('article', { class: `card result result--${STATE_STYLE[state]}`, 'aria-labelledby': 'result-title' });

  card.append(
    h('p', { class: 'result__eyebrow' }, t(lang, 'resultLabel')),
    h('h2', { id: 'result-title', class: 'result__course' }, doc.course?.title ?? ''),
    h('div', { class: 'result__badges' },
      badge(STATE_STYLE[state], stateLabel(lang, state, doc), STATE_ICON[state]),
      doc.late ? badge('late', t(lang, 'late'), '!') : null),
  );

  card.append(expected(lang, doc, state));
  if (doc.late) {
    card.append(h('p', { class: 'result__late' }, t(lang, 'lateSummary')));
  }
  if (doc.actionRequired) {
    card.append(action(lang, doc));
  }
  if (doc.reviewSubmitted === false && state !== 'REJECTED') {
    card.append(h('section', { class: 'callout callout--info', 'aria-labelledby': 'review-title' },
      h('h3', { id: 'review-title', class: 'callout__title' }, t(lang, 'reviewTitle')),
      h('p', {}, t(lang, 'reviewText'))));
  }

  card.append(
    h('h3', { id: 'stages-title', class: 'result__section-title' }, t(lang, 'stagesTitle')),
    timeline(lang, doc),
    details(lang, doc, platform),
  );
  if (doc.updatedAt) {
    card.append(h('p', { class: 'result__updated' },
      `${t(lang, 'updatedAt')} `, time(lang, doc.updatedAt)));
  }
  return card;
}

function stateLabel(lang, state, doc) {
  return state === 'ACTION_REQUIRED' && doc.actionRequired?.reason === 'NAME_MISMATCH'
    ? t(lang, 'state_ACTION_REQUIRED_NAME_MISMATCH') : t(lang, `state_${state}`);
}

function expected(lang, doc, state) {
  if (state === 'REJECTED') {
    return h('p', { class: 'expected expected--closed' }, t(lang, 'closedText'));
  }
  // a failed stage is sent again: the old deadlines no longer say when it will show
  if (!doc.expectedOnDashboardBy || (doc.stages ?? []).some((s) => s.status === 'FAILED')) {
    return h('p', { class: 'expected' }, t(lang, 'expectedAfterResubmission'));
  }
  const verified = state === 'VERIFIED';
  const label = verified ? 'onDashboardSince'
    : doc.actionRequired?.reason === 'NAME_MISMATCH' ? 'expectedByOnceNameFixed' : 'expectedBy';
  return h('div', { class: `expected${verified ? ' expected--done' : ''}` },
    h('p', { class: 'expected__label' }, t(lang, label)),
    h('p', { class: 'expected__date' }, time(lang, doc.expectedOnDashboardBy)));
}

function action(lang, doc) {
  const reason = doc.actionRequired.reason;
  const title = reason === 'NAME_MISMATCH' ? 'actionNameTitle'
    : (reason === 'PLATFORM_REJECTED' || reason === 'PMO_REJECTED') ? 'actionHandledTitle'
      : 'actionOtherTitle';
  const message = doc.actionRequired.message?.[lang] ?? doc.actionRequired.message?.id ?? '';
  const box = h('section', {
    class: `callout ${reason === 'NAME_MISMATCH' ? 'callout--action' : 'callout--info'}`,
    'aria-labelledby': 'action-title',
  },
  h('h3', { id: 'action-title', class: 'callout__title' }, t(lang, title)),
  h('p', { class: 'callout__message' }, message));
  if (reason === 'NAME_MISMATCH') {
    if (doc.learner?.name) {
      box.append(h('p', {}, `${t(lang, 'currentName')} `,
        h('strong', { class: 'learner-name' }, doc.learner.name)));
    }
    box.append(h('p', {}, t(lang, 'nameNext')));
  }
  return box;
}

function timeline(lang, doc) {
  // in the order the service gives them, each named as the service names it
  const stages = (doc.stages ?? []).filter((s) => s && typeof s.stage === 'string');
  // role=list: some screen readers drop the list semantics of a list without bullets
  const list = h('ol', { class: 'timeline', role: 'list', 'aria-labelledby': 'stages-title' });
  stages.forEach((stage, index) => {
    const current = stage.stage === doc.currentStage && stage.status !== 'DONE';
    const status = ['DONE', 'IN_PROGRESS', 'PENDING', 'FAILED'].includes(stage.status)
      ? stage.status : 'PENDING';
    const style = status === 'DONE' ? 'done'
      : status === 'FAILED' ? 'failed'
        : stage.late ? 'late'
          : current ? 'current' : 'pending';
    const marker = { done: '', failed: '×', late: '!', current: '', pending: String(index + 1) }[style];

    const statusLine = h('p', { class: 'step__status' });
    if (status === 'DONE') {
      statusLine.append(...phraseWithDate(lang, 'stageDone', stage.completedAt));
    } else if (status === 'FAILED') {
      statusLine.append(t(lang, 'stageFailed'));
    } else if (stage.late) {
      // how late, in working days as the deadline counts them
      const days = stage.lateWorkingDays;
      const phrase = !Number.isInteger(days) || days < 1 ? 'stageLate'
        : days === 1 ? 'stageLateByOneDay' : 'stageLateByDays';
      statusLine.append(badge('late', t(lang, 'late'), '!'), ' ',
        ...phraseWithDate(lang, phrase, stage.dueAt, { days }));
    } else if (current && doc.state === 'ACTION_REQUIRED'
        && doc.actionRequired?.reason === 'NAME_MISMATCH') {
      statusLine.append(t(lang, 'stageWaitingForName'));
    } else if (current) {
      statusLine.append(...phraseWithDate(lang, 'stageCurrent', stage.dueAt));
    } else {
      statusLine.append(...phraseWithDate(lang, 'stagePending', stage.dueAt));
    }

    const title = stage.label?.[lang] ?? stage.label?.id ?? stage.stage;
    const about = `about_${stage.stage}`;
    list.append(h('li', { class: `step step--${style}`, 'aria-current': current ? 'step' : false },
      h('span', { class: 'step__marker', 'aria-hidden': 'true' }, marker),
      h('div', { class: 'step__body' },
        h('p', { class: 'step__title' },
          h('span', { class: 'visually-hidden' }, `${t(lang, 'stageOf', { n: index + 1, total: stages.length })}: `),
          title),
        statusLine,
        has(lang, about) ? h('p', { class: 'step__about' },
          t(lang, about, { deadline: deadline(lang, stage.workingDays) })) : null)));
  });
  return list;
}

function details(lang, doc, platform) {
  const rows = [
    ['certificateNumber', doc.certificateNumber],
    ['redemptionCode', doc.redemptionCode],
    ['platform', platform],
    ['learnerName', doc.learner?.name],
  ].filter(([, value]) => value);
  return h('dl', { class: 'details' },
    rows.map(([key, value]) => h('div', { class: 'details__row' },
      h('dt', {}, t(lang, key)), h('dd', {}, value))));
}

/** A friendly notice instead of a result: not found, too many attempts, invalid, failure. */
export function renderNotice(lang, notice) {
  const texts = {
    notFound: ['notFoundTitle', ['notFoundText', 'notFoundHint']],
    tooMany: ['tooManyTitle', ['tooManyText']],
    invalid: ['invalidTitle', ['invalidText']],
    failed: ['failedTitle', ['failedText']],
  }[notice.kind] ?? ['failedTitle', ['failedText']];
  const box = h('div', { class: `card notice notice--${notice.kind === 'notFound' ? 'info' : 'warning'}` },
    h('h2', { class: 'notice__title' }, t(lang, texts[0])),
    texts[1].map((key) => h('p', {}, t(lang, key))));
  if (notice.kind === 'tooMany') {
    const minutes = Math.ceil((notice.retryAfterSeconds ?? 60) / 60);
    box.append(h('p', { class: 'notice__strong' },
      minutes <= 1 ? t(lang, 'tryAgainInAMinute') : t(lang, 'tryAgainInMinutes', { minutes })));
  }
  return box;
}
