/**
 * Learners' personal data under Indonesia's personal data protection law (UU No. 27 Tahun 2022):
 * the privacy officer's access and erasure requests, the record of every erasure, and the daily
 * retention job that anonymises finished certificates. What is held where, and how it leaves, is
 * in docs/personal-data.md; the erasure itself is {@code certificate.PersonalData}.
 */
package id.sertiflow.privacy;
