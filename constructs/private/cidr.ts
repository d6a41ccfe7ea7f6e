import { Soc2MlError } from '../../core/errors';
/** An IPv4 CIDR block, parsed. */
export interface Ipv4Cidr {
  /** The block as written, normalized (`10.10.0.0/16`). */
  readonly text: string;
  /** The first address, as an unsigned 32-bit number. */
  readonly first: number;
  /** The last address, as an unsigned 32-bit number. */
  readonly last: number;
  /** The prefix length. */
  readonly prefixLength: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parse `a.b.c.d/n`; undefined when the text is not an IPv4 CIDR block with its host bits zero. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const match = CIDR.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) {
    return undefined;
  }
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - prefixLength);
  if (address % size !== 0) {
    return undefined;
  }
  return { text: `${octets.join('.')}/${prefixLength}`, first: address, last: address + size - 1, prefixLength };
}

/** Whether two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** The private address ranges of RFC 1918. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseIpv4Cidr(c)!);

/** Whether a block lies entirely inside one of the RFC 1918 private ranges. */
function isPrivateCidr(cidr: Ipv4Cidr): boolean {
  return PRIVATE_RANGES.some((range) => range.first <= cidr.first && cidr.last <= range.last);
}

/** Check that a value is an IPv4 CIDR block; returns it normalized. */
export function checkCidrFormat(value: string, propName: string): string {
  const cidr = parseIpv4Cidr(value);
  if (!cidr) {
    throw new Soc2MlError(`${propName} is ${JSON.stringify(value)}, which is not an IPv4 CIDR block: pass one such as "10.10.0.0/16" (the address must be the first of its block).`);
  }
  return cidr.text;
}

/** Check a range for a new VPC: private, /16 to /22. Returns it normalized. */
export function checkVpcCidr(value: string, propName: string): string {
  const cidr = parseIpv4Cidr(checkCidrFormat(value, propName))!;
  if (!isPrivateCidr(cidr)) {
    throw new Soc2MlError(`${propName} is ${JSON.stringify(value)}, outside the private ranges: use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918).`);
  }
  if (cidr.prefixLength < 16 || cidr.prefixLength > 22) {
    throw new Soc2MlError(`${propName} is ${JSON.stringify(value)}: a VPC range must be /16 to /22 (AWS allows no larger VPC, and a smaller one leaves too few addresses for SageMaker's network interfaces and the endpoints). Pass, for example, "10.10.0.0/16".`);
  }
  return cidr.text;
}
