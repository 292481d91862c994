// Cek Status Sertifikat: the learner's look-up by redemption code and e-mail.

import { LANGUAGES, DEFAULT_LANGUAGE, t, deadline } from './i18n.js';
import { renderCertificate, renderNotice } from './render.js';

const LOOKUP_URL = 'api/v1/status-lookups';
const STAGES_URL = 'api/v1/stages';
const LANGUAGE_KEY = 'sertiflow.status-page.language';

const form = document.getElementById('lookup');
const codeInput = document.getElementById('redemption-code');
const emailInput = document.getElementById('email');
const submitButton = document.getElementById('submit');
const outcome = document.getElementById('outcome');
const languageSwitch = document.getElementById('language-switch');

const FIELDS = {
  redemptionCode: { input: codeInput, error: document.getElementById('redemption-code-error') },
  email: { input: emailInput, error: document.getElementById('email-error') },
};

let language = storedLanguage();
let shown = null; // what the outcome area shows: {certificate} or {notice}
let fieldErrors = {}; // field name -> phrase key
let busy = false;
let workingDaysByStage = {}; // the service's stage table: stage key -> its deadline in working days

function storedLanguage() {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_KEY);
    return LANGUAGES.includes(stored) ? stored : DEFAULT_LANGUAGE;
  } catch (storageBlocked) {
    return DEFAULT_LANGUAGE;
  }
}

function applyLanguage() {
  document.documentElement.lang = language;
  document.title = t(language, 'title');
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const stage = element.dataset.stage;
    element.textContent = t(language, element.dataset.i18n,
      { deadline: stage ? deadline(language, workingDaysByStage[stage]) : '' });
  }
  const other = language === 'id' ? 'en' : 'id';
  languageSwitch.textContent = t(language, 'switchTo');
  languageSwitch.lang = other;
  if (busy) {
    submitButton.textContent = t(language, 'submitting');
  }
  showFieldErrors();
  showOutcome();
}

languageSwitch.addEventListener('click', () => {
  language = language === 'id' ? 'en' : 'id';
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch (storageBlocked) {
    // the choice then lasts until the page is left
  }
  applyLanguage();
});

function showFieldErrors() {
  for (const [name, { input, error }] of Object.entries(FIELDS)) {
    const key = fieldErrors[name];
    input.setAttribute('aria-invalid', key ? 'true' : 'false');
    error.hidden = !key;
    error.textContent = key ? t(language, key) : '';
  }
}

function showOutcome() {
  outcome.replaceChildren();
  if (shown?.certificate) {
    outcome.append(renderCertificate(language, shown.certificate));
  } else if (shown?.notice) {
    outcome.append(renderNotice(language, shown.notice));
  }
}

function show(next) {
  shown = next;
  showOutcome();
  const top = outcome.getBoundingClientRect().top;
  if (shown && top > window.innerHeight * 0.6) {
    const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    outcome.scrollIntoView({ block: 'start', behavior: calm ? 'auto' : 'smooth' });
  }
}

function setBusy(value) {
  busy = value;
  outcome.setAttribute('aria-busy', String(value));
  submitButton.setAttribute('aria-disabled', String(value));
  submitButton.textContent = t(language, value ? 'submitting' : 'submit');
}

function looksLikeEmail(value) {
  return /^[^\s@]+@[^\s@]+$/.test(value);
}

/** Seconds from a Retry-After header: delta-seconds or an HTTP date. */
function retryAfterSeconds(header) {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/** The server's errors[] as phrase keys per field. */
function fieldErrorsFrom(problem) {
  const errors = {};
  for (const error of Array.isArray(problem?.errors) ? problem.errors : []) {
    if (!FIELDS[error?.field]) continue;
    const missing = /required|blank/i.test(String(error.message ?? ''));
    errors[error.field] = missing
      ? (error.field === 'email' ? 'emailMissing' : 'codeMissing')
      : 'fieldInvalid';
  }
  return errors;
}

async function readJson(response) {
  try {
    return await response.json();
  } catch (notJson) {
    return null;
  }
}

function focusFirstInvalidField() {
  const first = Object.keys(FIELDS).find((name) => fieldErrors[name]);
  if (first) FIELDS[first].input.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (busy) return;

  const redemptionCode = codeInput.value.replace(/\s+/g, '').toUpperCase();
  const email = emailInput.value.trim();
  fieldErrors = {};
  if (!redemptionCode) fieldErrors.redemptionCode = 'codeMissing';
  if (!email) fieldErrors.email = 'emailMissing';
  else if (!looksLikeEmail(email)) fieldErrors.email = 'emailMalformed';
  showFieldErrors();
  if (Object.keys(fieldErrors).length > 0) {
    show(null);
    focusFirstInvalidField();
    return;
  }

  setBusy(true);
  try {
    const response = await fetch(LOOKUP_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
      body: JSON.stringify({ redemptionCode, email }),
      cache: 'no-store',
      credentials: 'same-origin',
    });
    if (response.ok) {
      const certificate = await readJson(response);
      show(certificate && Array.isArray(certificate.stages) ? { certificate } : { notice: { kind: 'failed' } });
    } else if (response.status === 404) {
      show({ notice: { kind: 'notFound' } });
    } else if (response.status === 429) {
      show({ notice: { kind: 'tooMany', retryAfterSeconds: retryAfterSeconds(response.headers.get('Retry-After')) } });
    } else if (response.status === 422) {
      fieldErrors = fieldErrorsFrom(await readJson(response));
      showFieldErrors();
      show({ notice: { kind: Object.keys(fieldErrors).length > 0 ? 'invalid' : 'failed' } });
    } else {
      show({ notice: { kind: 'failed' } });
    }
  } catch (unreachable) {
    show({ notice: { kind: 'failed' } });
  } finally {
    setBusy(false);
  }
});

// the redemption code is letters and digits only; show it the way the service reads it
codeInput.addEventListener('blur', () => {
  codeInput.value = codeInput.value.replace(/\s+/g, '').toUpperCase();
});

/** The stages' deadlines for the explainer; without them it explains the way without days. */
async function loadStageTable() {
  try {
    const response = await fetch(STAGES_URL, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    const stages = response.ok ? await readJson(response) : null;
    if (Array.isArray(stages)) {
      workingDaysByStage = Object.fromEntries(stages
        .filter((s) => s && typeof s.stage === 'string' && Number.isInteger(s.workingDays))
        .map((s) => [s.stage, s.workingDays]));
      applyLanguage();
    }
  } catch (unreachable) {
    // the explainer stays without days
  }
}

// a link from a SertiFlow e-mail names the redemption code (?code=…); the learner adds the e-mail
const linkedCode = new URLSearchParams(window.location.search).get('code');
if (linkedCode && /^[A-Za-z0-9]{1,64}$/.test(linkedCode)) {
  codeInput.value = linkedCode.toUpperCase();
}

applyLanguage();
loadStageTable();
