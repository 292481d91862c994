package id.sertiflow.calendar;

/** The two kinds of non-working weekday the joint decree (SKB 3 Menteri) names. */
enum HolidayType {
  /** Libur nasional. */
  NATIONAL_HOLIDAY,
  /** Cuti bersama. */
  COLLECTIVE_LEAVE
}
