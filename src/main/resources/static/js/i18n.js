// The page's words in Bahasa Indonesia (first) and English, and dates the way each writes them.

export const LANGUAGES = ['id', 'en'];
export const DEFAULT_LANGUAGE = 'id';

const STRINGS = {
  id: {
    title: 'Cek Status Sertifikat · SertiFlow',
    skipToForm: 'Langsung ke formulir',
    switchTo: 'English',
    heading: 'Cek Status Sertifikat',
    intro: 'Lihat sampai mana sertifikat pelatihan Prakerja Anda dilaporkan, dan kapan sertifikat itu tampil di dasbor Prakerja.',
    formTitle: 'Masukkan data kelas Anda',
    codeLabel: 'Kode redeem',
    codeHint: 'Kode yang Anda tukarkan untuk kelas ini, misalnya PK7H2K9Q4M.',
    emailLabel: 'E-mail yang dipakai di kelas',
    emailHint: 'E-mail akun tempat Anda mengikuti kelas.',
    submit: 'Cek Status',
    submitting: 'Memeriksa…',
    codeMissing: 'Masukkan kode redeem Anda.',
    emailMissing: 'Masukkan e-mail yang Anda pakai di kelas.',
    emailMalformed: 'Periksa lagi e-mail Anda, misalnya nama@contoh.com.',
    fieldInvalid: 'Isian ini belum benar. Periksa lagi.',
    whyTitle: 'Kenapa sertifikat belum muncul di dasbor?',
    whyIntro: 'Sertifikat tidak langsung muncul. Setelah kelas selesai, laporannya melewati tahap-tahap ini:',
    why1: 'Anda menyelesaikan kelas sampai 100% dan lulus ujian.',
    why2: 'Lembaga pelatihan melaporkannya ke platform digital tempat Anda membeli kelas{deadline}.',
    why3: 'Platform digital melaporkannya ke PMO Prakerja{deadline}.',
    why4: 'PMO Prakerja memverifikasi sertifikat{deadline}. Setelah itu sertifikat tampil di dasbor Prakerja.',
    whyName: 'Pastikan nama di akun kelas sama persis dengan nama di akun Kartu Prakerja. Nama yang berbeda adalah alasan paling umum sertifikat ditolak.',
    footer: 'Data sertifikat hanya ditampilkan bila kode redeem dan e-mail cocok.',

    notFoundTitle: 'Sertifikat tidak ditemukan',
    notFoundText: 'Tidak ada sertifikat dengan kode redeem dan e-mail ini. Periksa lagi kodenya (huruf dan angka, tanpa spasi) dan pastikan e-mail sama dengan e-mail akun kelas Anda.',
    notFoundHint: 'Jika kelas Anda baru saja selesai, coba lagi beberapa saat lagi.',
    tooManyTitle: 'Terlalu banyak percobaan',
    tooManyText: 'Demi keamanan, pengecekan status dibatasi.',
    tryAgainInAMinute: 'Coba lagi dalam satu menit.',
    tryAgainInMinutes: 'Coba lagi dalam {minutes} menit.',
    invalidTitle: 'Data belum lengkap',
    invalidText: 'Periksa isian yang ditandai di atas.',
    failedTitle: 'Status belum bisa dicek',
    failedText: 'Layanan sedang tidak dapat dihubungi. Coba lagi dalam beberapa saat.',

    resultLabel: 'Status sertifikat',
    state_IN_PROGRESS: 'Sedang diproses',
    state_ACTION_REQUIRED: 'Perlu tindakan',
    state_ACTION_REQUIRED_NAME_MISMATCH: 'Perlu tindakan Anda',
    state_VERIFIED: 'Terverifikasi',
    state_REJECTED: 'Ditolak',
    late: 'Terlambat',
    lateSummary: 'Ada tahap yang melewati tenggatnya. Tim kami sudah menindaklanjutinya.',
    expectedBy: 'Perkiraan tampil di dasbor Prakerja Anda paling lambat',
    expectedByOnceNameFixed: 'Bila nama diperbaiki sekarang, perkiraan tampil di dasbor Prakerja Anda paling lambat',
    expectedAfterResubmission: 'Perkiraan tanggal tampil di dasbor menyusul setelah laporan dikirim ulang.',
    onDashboardSince: 'Sudah tampil di dasbor Prakerja Anda sejak',
    closedText: 'Sertifikat ini ditutup tanpa verifikasi PMO. Silakan hubungi lembaga pelatihan Anda.',
    course: 'Kelas',
    certificateNumber: 'No. sertifikat',
    redemptionCode: 'Kode redeem',
    platform: 'Platform digital',
    learnerName: 'Nama di akun kelas',
    updatedAt: 'Diperbarui',

    actionNameTitle: 'Yang perlu Anda lakukan',
    actionHandledTitle: 'Sedang kami tangani',
    actionOtherTitle: 'Perlu tindakan',
    currentName: 'Nama di akun kelas Anda sekarang:',
    nameNext: 'Setelah nama diubah, kami memeriksanya lagi dan melanjutkan pelaporan sertifikat Anda.',
    reviewTitle: 'Jangan lupa ulasan dan rating',
    reviewText: 'Anda belum memberi ulasan dan rating untuk kelas ini. Insentif Prakerja baru cair bila ulasan dan rating sudah diberikan. Sertifikat Anda tetap diproses.',

    stagesTitle: 'Tahapan sertifikat',
    about_CLASS_COMPLETED: 'Progres kelas 100% dan ujian lulus.',
    about_REPORTED_TO_PLATFORM: 'Lembaga pelatihan melaporkan kelulusan Anda ke platform digital{deadline}.',
    about_REPORTED_TO_PMO: 'Platform digital meneruskan laporan ke PMO Prakerja{deadline}.',
    about_VERIFIED_BY_PMO: 'PMO Prakerja memverifikasi sertifikat{deadline}.',
    stageDone: 'Selesai {date}',
    stageCurrent: 'Sedang berjalan, paling lambat {date}',
    stageWaitingForName: 'Menunggu Anda memperbaiki nama',
    stageLate: 'Tenggat {date} sudah lewat.',
    stageLateByDays: 'Tenggat {date} sudah lewat; terlambat {days} hari kerja.',
    stageLateByOneDay: 'Tenggat {date} sudah lewat; terlambat 1 hari kerja.',
    stagePending: 'Perkiraan paling lambat {date}',
    stageFailed: 'Ditolak; lihat keterangan di atas.',
    stageOf: 'Tahap {n} dari {total}',
    genericPlatform: 'platform digital',
    deadlineOneWorkingDay: ', dalam 1 hari kerja',
    deadlineWorkingDays: ', hingga {days} hari kerja',
  },
  en: {
    title: 'Check Certificate Status · SertiFlow',
    skipToForm: 'Skip to the form',
    switchTo: 'Bahasa Indonesia',
    heading: 'Check Certificate Status',
    intro: 'See how far your Prakerja training certificate has been reported, and when it will show on your Prakerja dashboard.',
    formTitle: 'Enter your class details',
    codeLabel: 'Redemption code',
    codeHint: 'The code you redeemed for this class, for example PK7H2K9Q4M.',
    emailLabel: 'E-mail used in class',
    emailHint: 'The e-mail of the account you took the class with.',
    submit: 'Check status',
    submitting: 'Checking…',
    codeMissing: 'Enter your redemption code.',
    emailMissing: 'Enter the e-mail you used in class.',
    emailMalformed: 'Check your e-mail, for example name@example.com.',
    fieldInvalid: 'This is not right yet. Please check it.',
    whyTitle: 'Why is my certificate not on the dashboard yet?',
    whyIntro: 'Certificates do not show at once. After you finish a class, its report goes through these stages:',
    why1: 'You finish the class to 100% and pass the exam.',
    why2: 'The training provider reports it to the digital platform where you bought the class{deadline}.',
    why3: 'The digital platform reports it to the Prakerja PMO{deadline}.',
    why4: 'The Prakerja PMO verifies the certificate{deadline}. Then it shows on your Prakerja dashboard.',
    whyName: 'Make sure the name on your training account matches the name on your Kartu Prakerja account exactly. A different name is the most common reason a certificate is rejected.',
    footer: 'Certificate details are shown only when the redemption code and e-mail match.',

    notFoundTitle: 'Certificate not found',
    notFoundText: 'No certificate matches this redemption code and e-mail. Check the code (letters and digits, no spaces) and make sure the e-mail is the one of your class account.',
    notFoundHint: 'If you have just finished your class, try again a little later.',
    tooManyTitle: 'Too many attempts',
    tooManyText: 'For your security, status checks are limited.',
    tryAgainInAMinute: 'Please try again in a minute.',
    tryAgainInMinutes: 'Please try again in {minutes} minutes.',
    invalidTitle: 'Details missing',
    invalidText: 'Check the fields marked above.',
    failedTitle: 'The status cannot be checked right now',
    failedText: 'The service cannot be reached. Please try again in a few moments.',

    resultLabel: 'Certificate status',
    state_IN_PROGRESS: 'In progress',
    state_ACTION_REQUIRED: 'Action required',
    state_ACTION_REQUIRED_NAME_MISMATCH: 'Action needed from you',
    state_VERIFIED: 'Verified',
    state_REJECTED: 'Rejected',
    late: 'Late',
    lateSummary: 'A stage is past its deadline. Our team is already following it up.',
    expectedBy: 'Expected on your Prakerja dashboard by',
    expectedByOnceNameFixed: 'If the name is corrected now, expected on your Prakerja dashboard by',
    expectedAfterResubmission: 'A new expected date for your dashboard follows once the report is sent again.',
    onDashboardSince: 'On your Prakerja dashboard since',
    closedText: 'This certificate was closed without PMO verification. Please contact your training provider.',
    course: 'Class',
    certificateNumber: 'Certificate no.',
    redemptionCode: 'Redemption code',
    platform: 'Digital platform',
    learnerName: 'Name on your class account',
    updatedAt: 'Updated',

    actionNameTitle: 'What you need to do',
    actionHandledTitle: 'We are handling it',
    actionOtherTitle: 'Action required',
    currentName: 'The name on your class account now:',
    nameNext: 'Once the name is changed, we check it again and carry on reporting your certificate.',
    reviewTitle: 'Remember your review and rating',
    reviewText: 'You have not reviewed and rated this class yet. The Prakerja incentive is paid only once the review and rating are in. Your certificate is processed either way.',

    stagesTitle: 'Certificate stages',
    about_CLASS_COMPLETED: 'Class progress at 100% and exam passed.',
    about_REPORTED_TO_PLATFORM: 'Your training provider reports your completion to the digital platform{deadline}.',
    about_REPORTED_TO_PMO: 'The digital platform passes the report to the Prakerja PMO{deadline}.',
    about_VERIFIED_BY_PMO: 'The Prakerja PMO verifies the certificate{deadline}.',
    stageDone: 'Done {date}',
    stageCurrent: 'In progress, due by {date}',
    stageWaitingForName: 'Waiting for you to correct your name',
    stageLate: 'The deadline, {date}, has passed.',
    stageLateByDays: 'The deadline, {date}, has passed: {days} working days late.',
    stageLateByOneDay: 'The deadline, {date}, has passed: 1 working day late.',
    stagePending: 'Expected by {date}',
    stageFailed: 'Rejected; see the note above.',
    stageOf: 'Stage {n} of {total}',
    genericPlatform: 'the digital platform',
    deadlineOneWorkingDay: ', within 1 working day',
    deadlineWorkingDays: ', within {days} working days',
  },
};

const PLATFORM_NAMES = {
  BUKALAPAK: 'Bukalapak',
  PINTARIA: 'Pintaria',
  TOKOPEDIA: 'Tokopedia',
  PIJAR_MAHIR: 'Pijar Mahir',
  KARIERMU: 'Kariermu',
};

/**
 * The phrase {@code key} in {@code lang}, with {name} placeholders filled in. The result is plain
 * text for textContent; a function replacer, so that '$&' in a value stays as it is.
 */
export function t(lang, key, values = {}) {
  const phrase = STRINGS[lang]?.[key] ?? STRINGS[DEFAULT_LANGUAGE][key] ?? key;
  return phrase.replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole);
}

export function has(lang, key) {
  return Object.prototype.hasOwnProperty.call(STRINGS[lang] ?? {}, key);
}

/**
 * ", dalam 1 hari kerja" / ", hingga 7 hari kerja": a stage's deadline as the page words it, from
 * the working days the service gives (the status document or the stage table); nothing when it
 * did not say.
 */
export function deadline(lang, workingDays) {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    return '';
  }
  return workingDays === 1 ? t(lang, 'deadlineOneWorkingDay')
    : t(lang, 'deadlineWorkingDays', { days: workingDays });
}

export function platformName(lang, code) {
  return PLATFORM_NAMES[code] ?? t(lang, 'genericPlatform');
}

// Jakarta time whatever the reader's own zone; parts, so that the result does not depend on how a
// browser's locale data punctuates ("30 Nov 2026, 15.30 WIB" / "30 Nov 2026, 15:30 WIB").
const FORMATS = {
  id: new Intl.DateTimeFormat('id-ID', jakartaOptions()),
  en: new Intl.DateTimeFormat('en-US', jakartaOptions()),
};

function jakartaOptions() {
  return {
    timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  };
}

export function formatDateTime(lang, iso) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) {
    return '';
  }
  const parts = {};
  for (const part of (FORMATS[lang] ?? FORMATS[DEFAULT_LANGUAGE]).formatToParts(date)) {
    parts[part.type] = part.value;
  }
  const month = parts.month.replace(/\.$/, '');
  const separator = lang === 'id' ? '.' : ':';
  return `${parts.day} ${month} ${parts.year}, ${parts.hour}${separator}${parts.minute} WIB`;
}
