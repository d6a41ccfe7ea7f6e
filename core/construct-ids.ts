/**
 * The construct id a user-given name contributes to ids (`customer-churn` → `CustomerChurn`):
 * words split at anything but letters and digits, each capitalized. Construct ids become logical
 * ids, so this one rule is shared by every construct that names children after user input.
 */
export function constructIdOf(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
