/** The shortest Object Lock retention of a trail bucket: an audit period is 6 to 12 months. */
export const MIN_AUDIT_RETENTION_DAYS = 365;
